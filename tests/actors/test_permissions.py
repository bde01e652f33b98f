from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.conftest import ROLES
from tests.matrix import Case, allow, check_case, public

COORDINATOR_ONLY = allow("coordinator", "admin")
ADMINISTRATOR_ONLY = allow("admin")
OWN_ORGANISATION = allow("member", "coordinator", "admin")

CASES = [
    Case("actors:organisation_list", lambda o: reverse("actors:organisation_list"), public()),
    Case(
        "actors:organisation_logo",
        lambda o: reverse("actors:organisation_logo", args=[o.organisation.slug]),
        dict.fromkeys(ROLES, 404),
    ),
    Case(
        "actors:organisation_edit",
        lambda o: reverse("actors:organisation_edit", args=[o.organisation.slug]),
        OWN_ORGANISATION,
    ),
    Case(
        "actors:organisation_create",
        lambda o: reverse("actors:organisation_create"),
        COORDINATOR_ONLY,
    ),
    Case(
        "actors:organisation_members",
        lambda o: reverse("actors:organisation_members", args=[o.organisation.slug]),
        COORDINATOR_ONLY,
    ),
    Case(
        "actors:membership_remove",
        lambda o: reverse("actors:membership_remove", args=[o.organisation.slug, o.membership.pk]),
        {
            **COORDINATOR_ONLY,
            "coordinator": 405,
            "admin": 405,
            "anonymous": 405,
            "member": 405,
            "outsider": 405,
            "treasurer": 405,
            "evaluator": 405,
        },
    ),
    Case(
        "actors:membership_remove",
        lambda o: reverse("actors:membership_remove", args=[o.organisation.slug, o.membership.pk]),
        COORDINATOR_ONLY,
        method="post",
    ),
    Case("actors:charter", lambda o: reverse("actors:charter"), public()),
    Case("actors:charter_edit", lambda o: reverse("actors:charter_edit"), COORDINATOR_ONLY),
    Case("actors:site_settings", lambda o: reverse("actors:site_settings"), COORDINATOR_ONLY),
    Case("actors:setup", lambda o: reverse("actors:setup"), ADMINISTRATOR_ONLY),
    Case(
        "actors:setup_section",
        lambda o: reverse("actors:setup_section", args=["look"]),
        dict.fromkeys(ROLES, 405),
    ),
    # An empty post is refused by the form: the page comes back (200) for the administrator.
    Case(
        "actors:setup_section",
        lambda o: reverse("actors:setup_section", args=["look"]),
        ADMINISTRATOR_ONLY,
        method="post",
    ),
    Case(
        "actors:look_stylesheet",
        lambda o: reverse("actors:look_stylesheet", args=["any"]),
        public(),
    ),
    # There is no logo until one is uploaded.
    Case(
        "actors:look_logo",
        lambda o: reverse("actors:look_logo", args=["any"]),
        dict.fromkeys(ROLES, 404),
    ),
    Case("actors:districts_edit", lambda o: reverse("actors:districts_edit"), COORDINATOR_ONLY),
    Case(
        "actors:districts_edit",
        lambda o: reverse("actors:districts_edit"),
        COORDINATOR_ONLY,
        method="post",
    ),
]


@pytest.fixture
def objects(organisation, member):
    return SimpleNamespace(organisation=organisation, membership=member.memberships.get())


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
