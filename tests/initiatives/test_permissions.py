from types import SimpleNamespace

import pytest
from django.urls import reverse

from initiatives.choices import InitiativeStep as S
from tests.conftest import ROLES
from tests.initiatives.factories import InitiativeFactory
from tests.matrix import Case, allow, check_case, public, urls_of

STAFF_AND_MEMBERS = allow("member", "outsider", "coordinator", "treasurer", "evaluator", "admin")
LEAD = allow("member", "coordinator", "admin")
NOT_ALLOWED_GET = dict.fromkeys(ROLES, 405)


url = urls_of("initiatives")


CASES = [
    Case("initiatives:initiative_list", lambda o: reverse("initiatives:initiative_list"), public()),
    Case("initiatives:initiative_detail", url("initiative_detail", "proposal"), public()),
    # A draft is seen by its lead organisation and the staff roles only.
    Case(
        "initiatives:initiative_detail",
        url("initiative_detail", "draft"),
        {
            **allow("member", "coordinator", "treasurer", "evaluator", "admin", other=404),
            "anonymous": 404,
        },
    ),
    Case(
        "initiatives:initiative_create",
        lambda o: reverse("initiatives:initiative_create"),
        allow("member", "outsider", "coordinator", "admin"),
    ),
    Case("initiatives:initiative_edit", url("initiative_edit", "proposal"), LEAD),
    Case("initiatives:initiative_move", url("initiative_move", "proposal"), NOT_ALLOWED_GET),
    Case(
        "initiatives:initiative_move",
        url("initiative_move", "proposal"),
        allow("coordinator", "admin"),
        method="post",
        data=lambda o: {"to_step": "decision", "expected_step": "proposal"},
    ),
    Case(
        "initiatives:decision_edit",
        url("decision_edit", "at_decision"),
        allow("coordinator", "admin"),
    ),
    Case("initiatives:follow_up_create", url("follow_up_create", "at_execution"), LEAD),
    Case(
        "initiatives:evaluation_edit",
        url("evaluation_edit", "at_evaluation"),
        allow("evaluator", "admin"),
    ),
    Case(
        "initiatives:pipeline",
        lambda o: reverse("initiatives:pipeline"),
        STAFF_AND_MEMBERS,
    ),
    Case(
        "initiatives:process_steps",
        lambda o: reverse("initiatives:process_steps"),
        allow("coordinator", "admin"),
    ),
]


@pytest.fixture
def objects(organisation, member):
    def make(step):
        return InitiativeFactory(
            lead_organisation=organisation, step=step, submitted_at="2026-01-01T10:00Z"
        )

    return SimpleNamespace(
        proposal=make(S.PROPOSAL),
        draft=InitiativeFactory(lead_organisation=organisation),
        at_decision=make(S.DECISION),
        at_execution=make(S.EXECUTION),
        at_evaluation=make(S.EVALUATION),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
