"""Every named URL of the portal's own apps has at least one row in a permission matrix."""

from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.urls import get_resolver


def portal_url_names() -> set[str]:
    names = set()
    resolver = get_resolver()
    for app in settings.PORTAL_APPS:
        namespace = resolver.namespace_dict.get(app)
        if namespace is None:
            continue
        _prefix, app_resolver = namespace
        names |= {f"{app}:{name}" for name in app_resolver.reverse_dict if isinstance(name, str)}
    return names


def matrix_url_names() -> set[str]:
    names = set()
    for path in Path(__file__).parent.glob("*/test_permissions.py"):
        module = import_module(f"tests.{path.parent.name}.test_permissions")
        names |= {case.name for case in module.CASES}
    return names


def test_every_url_is_in_a_permission_matrix():
    missing = portal_url_names() - matrix_url_names()
    assert not missing, f"URLs with no row in any permission matrix: {sorted(missing)}"
