"""The permission matrix: every URL of the portal × every role -> the status it must answer.

Each app lists its rows in tests/<app>/test_permissions.py as `CASES` and parametrises
`check_case` over CASES × ROLES. tests/test_url_coverage.py fails when a named URL has no row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from tests.conftest import ROLES

LOGIN = "login"  # anonymous visitors are sent to the login page


@dataclass(frozen=True)
class Case:
    """One URL: how to build it from the test's objects, and the status each role gets."""

    name: str
    url: Callable[[object], str]
    expect: dict[str, int | str]
    method: str = "get"
    data: Callable[[object], dict] = field(default=lambda objects: {})

    def __str__(self):
        return f"{self.method.upper()} {self.name}"


def urls_of(app: str) -> Callable[[str], Callable[[object], str]]:
    """`url(name, *attributes)` for one app's rows: the URL `app:name`, its arguments the test's
    objects named by `attributes` (their primary key, or the value itself, such as a slug)."""

    def url(name: str, *attributes: str) -> Callable[[object], str]:
        return lambda objects: reverse(
            f"{app}:{name}",
            args=[getattr(getattr(objects, a), "pk", getattr(objects, a)) for a in attributes],
        )

    return url


def allow(*roles: str, other: int = 403) -> dict[str, int | str]:
    """200 for the given roles, the login page for anonymous, `other` for everyone else."""
    return {
        role: 200 if role in roles else (LOGIN if role == "anonymous" else other) for role in ROLES
    }


def public() -> dict[str, int | str]:
    return dict.fromkeys(ROLES, 200)


def check_case(case: Case, role: str, client_for, objects) -> None:
    client = client_for(role)
    url = case.url(objects)
    response = getattr(client, case.method)(url, case.data(objects))
    expected = case.expect[role]
    if expected == LOGIN:
        assert response.status_code == 302, f"{case} as {role}: {response.status_code}"
        assert response["Location"].startswith(reverse("account_login")), response["Location"]
    elif expected == 200 and case.method == "post":
        assert response.status_code in (200, 302), f"{case} as {role}: {response.status_code}"
    else:
        assert response.status_code == expected, f"{case} as {role}: {response.status_code}"
