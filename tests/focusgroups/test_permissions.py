from types import SimpleNamespace

import pytest
from django.urls import reverse

from focusgroups.services import idea_confirm_token
from tests.conftest import ROLES
from tests.focusgroups.factories import (
    ConsultationFactory,
    FocusGroupFactory,
    IdeaFactory,
    InsightFactory,
)
from tests.matrix import Case, allow, check_case, public, urls_of
from tests.networks.factories import NetworkFactory

COORDINATOR_ONLY = allow("coordinator", "admin")
GET_REFUSED = dict.fromkeys(ROLES, 405)


url = urls_of("focusgroups")


CASES = [
    Case("focusgroups:focusgroup_list", url("focusgroup_list"), public()),
    Case("focusgroups:focusgroup_create", url("focusgroup_create"), COORDINATOR_ONLY),
    Case("focusgroups:focusgroup_detail", url("focusgroup_detail", "focus_group"), public()),
    Case("focusgroups:focusgroup_edit", url("focusgroup_edit", "focus_group"), COORDINATOR_ONLY),
    Case("focusgroups:insight_create", url("insight_create", "focus_group"), COORDINATOR_ONLY),
    Case("focusgroups:insight_edit", url("insight_edit", "insight"), COORDINATOR_ONLY),
    Case("focusgroups:insight_delete", url("insight_delete", "insight"), GET_REFUSED),
    Case("focusgroups:insight_delete", url("insight_delete", "insight"), COORDINATOR_ONLY, "post"),
    Case("focusgroups:consultation_list", url("consultation_list"), public()),
    Case("focusgroups:consultation_create", url("consultation_create"), COORDINATOR_ONLY),
    Case("focusgroups:consultation_detail", url("consultation_detail", "consultation"), public()),
    Case(
        "focusgroups:consultation_edit", url("consultation_edit", "consultation"), COORDINATOR_ONLY
    ),
    Case(
        "focusgroups:consultation_answer", url("consultation_answer", "consultation"), GET_REFUSED
    ),
    Case(
        "focusgroups:consultation_answer",
        url("consultation_answer", "consultation"),
        COORDINATOR_ONLY,
        "post",
        lambda o: {"answered_on": "2025-06-01", "answer_sv": "Ja."},
    ),
    Case("focusgroups:idea_submit", url("idea_submit"), public()),
    Case("focusgroups:idea_submit_to_network", url("idea_submit_to_network", "network"), public()),
    Case(
        "focusgroups:idea_submit_to_network",
        url("idea_submit_to_network", "inactive_network"),
        dict.fromkeys(ROLES, 404),
    ),
    Case("focusgroups:idea_sent", url("idea_sent"), public()),
    Case(
        "focusgroups:idea_confirm",
        lambda o: reverse("focusgroups:idea_confirm", args=[idea_confirm_token(o.idea)]),
        public(),
    ),
    Case(
        "focusgroups:idea_confirm",
        lambda o: reverse("focusgroups:idea_confirm", args=["not-a-token"]),
        dict.fromkeys(ROLES, 400),
    ),
    Case(
        "focusgroups:idea_confirm",
        lambda o: reverse("focusgroups:idea_confirm", args=[idea_confirm_token(o.idea)]),
        public(),
        "post",
    ),
    Case(
        "focusgroups:idea_confirm",
        lambda o: reverse("focusgroups:idea_confirm", args=["not-a-token"]),
        dict.fromkeys(ROLES, 400),
        "post",
    ),
]


@pytest.fixture
def objects(db):
    focus_group = FocusGroupFactory()
    return SimpleNamespace(
        focus_group=focus_group,
        insight=InsightFactory(focus_group=focus_group),
        consultation=ConsultationFactory(),
        idea=IdeaFactory(status="unconfirmed"),
        network=NetworkFactory(),
        inactive_network=NetworkFactory(active=False),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
