from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.conftest import ROLES
from tests.matrix import LOGIN, Case, allow, check_case, public

CASES = [
    Case("portal:home", lambda o: reverse("portal:home"), public()),
    Case(
        "portal:dashboard", lambda o: reverse("portal:dashboard"), {**public(), "anonymous": LOGIN}
    ),
    Case("portal:organisation_detail", lambda o: o.organisation.get_absolute_url(), public()),
    # Everyone searches; what each role finds is tests/portal/test_search.py's.
    Case("portal:search", lambda o: reverse("portal:search") + "?q=Husby", public()),
    Case(
        "portal:translations",
        lambda o: reverse("portal:translations"),
        allow("coordinator", "admin"),
    ),
    Case(
        "portal:translation",
        lambda o: reverse(
            "portal:translation", args=["actors.organisation", o.organisation.pk, "en"]
        ),
        allow("coordinator", "admin"),
    ),
    Case(
        "portal:translation",
        lambda o: reverse(
            "portal:translation", args=["actors.organisation", o.organisation.pk, "en"]
        ),
        {**allow("coordinator", "admin"), "coordinator": 302, "admin": 302},
        method="post",
        data=lambda o: {"description": "An association in the area."},
    ),
]


@pytest.fixture
def objects(organisation):
    return SimpleNamespace(organisation=organisation)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
