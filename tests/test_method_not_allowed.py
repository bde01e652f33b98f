"""A visit to an address that only takes a form (a reload, the back button, a shared link) gets a
page a person can read, in their language, never the blank 405 Django gives by default."""

import inspect

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


def _methods_taken(view) -> list[str] | None:
    """The methods a view wrapped in `require_http_methods` (or `require_POST`) takes; None for
    a view that takes a visit."""
    while view is not None:
        if getattr(view, "__closure__", None):  # a bound method (the API's views) has none
            methods = inspect.getclosurevars(view).nonlocals.get("request_method_list")
            if methods is not None:
                return methods
        view = getattr(view, "__wrapped__", None)
    return None


def _patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, f"{prefix}{pattern.namespace or ''}")
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix, pattern


def form_only_urls() -> list[str]:
    """Every address of the portal's own apps that refuses a visit, with made-up arguments: the
    refusal comes before any object is looked up."""
    urls = []
    for namespace, pattern in _patterns(get_resolver()):
        if namespace not in settings.PORTAL_APPS:
            continue
        methods = _methods_taken(pattern.callback)
        if methods is None or "GET" in methods:
            continue
        converters = pattern.pattern.converters
        args = {
            name: 1 if isinstance(converter, IntConverter) else "x"
            for name, converter in converters.items()
        }
        urls.append(reverse(f"{namespace}:{pattern.name}", kwargs=args))
    return sorted(urls)


def test_the_portal_has_addresses_that_only_take_a_form():
    urls = form_only_urls()
    assert len(urls) >= 15, urls
    assert "/reports/1/retry/" in urls
    # Asking for a report shows its form on a visit: it is not one of them.
    assert reverse("reports:report_create") not in urls


@pytest.mark.parametrize("role", ROLES)
def test_a_visit_to_a_form_only_address_gets_a_page_not_a_blank(client_for, role):
    client = client_for(role)
    for url in form_only_urls():
        response = client.get(url)
        if response.status_code == 302:  # anonymous visitors may be sent to log in first
            assert role == "anonymous", f"{url} as {role}"
            continue
        assert response.status_code == 405, f"{url} as {role}: {response.status_code}"
        assert "POST" in response["Allow"]
        html = response.content.decode()
        assert "<h1>Den här adressen tar bara emot ett skickat formulär</h1>" in html, url
        assert 'href="/"' in html


def test_the_page_speaks_the_visitors_language(client):
    response = client.get("/en" + reverse("reports:report_retry", args=[1]))
    assert response.status_code == 405
    html = response.content.decode()
    assert "This address only takes a form that is sent" in html
    assert '<html lang="en"' in html
