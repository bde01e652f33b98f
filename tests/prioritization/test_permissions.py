from types import SimpleNamespace

import pytest

from tests.conftest import ROLES
from tests.focusgroups.factories import IdeaFactory
from tests.matrix import LOGIN, Case, allow, check_case, public, urls_of
from tests.prioritization.factories import (
    FocusAreaFactory,
    IndicatorFactory,
    InterventionFactory,
    NeedFactory,
    OutcomeFactory,
    RoundFactory,
    ScoreFactory,
    TargetGroupFactory,
)

COORDINATOR_ONLY = allow("coordinator", "admin")
SIGNED_IN = {**public(), "anonymous": LOGIN}
SCORERS = allow("member", "outsider")  # people acting for an organisation


url = urls_of("prioritization")


CASES = [
    Case("prioritization:focusarea_list", url("focusarea_list"), public()),
    Case("prioritization:focusarea_create", url("focusarea_create"), COORDINATOR_ONLY),
    Case("prioritization:focusarea_detail", url("focusarea_detail", "area_slug"), public()),
    Case("prioritization:focusarea_edit", url("focusarea_edit", "area_slug"), COORDINATOR_ONLY),
    Case("prioritization:targetgroup_create", url("targetgroup_create"), COORDINATOR_ONLY),
    Case("prioritization:targetgroup_detail", url("targetgroup_detail", "group_slug"), public()),
    Case(
        "prioritization:targetgroup_edit", url("targetgroup_edit", "group_slug"), COORDINATOR_ONLY
    ),
    Case("prioritization:indicator_list", url("indicator_list"), public()),
    Case("prioritization:indicator_create", url("indicator_create"), COORDINATOR_ONLY),
    Case("prioritization:datapoint_import", url("datapoint_import"), COORDINATOR_ONLY),
    Case("prioritization:indicator_detail", url("indicator_detail", "indicator_slug"), public()),
    Case(
        "prioritization:indicator_edit", url("indicator_edit", "indicator_slug"), COORDINATOR_ONLY
    ),
    Case("prioritization:need_list", url("need_list"), public()),
    Case("prioritization:need_create", url("need_create"), COORDINATOR_ONLY),
    Case("prioritization:need_detail", url("need_detail", "need_pk"), public()),
    Case("prioritization:need_edit", url("need_edit", "need_pk"), COORDINATOR_ONLY),
    Case("prioritization:outcome_create", url("outcome_create", "need_pk"), COORDINATOR_ONLY),
    Case("prioritization:outcome_detail", url("outcome_detail", "outcome_pk"), public()),
    Case("prioritization:outcome_edit", url("outcome_edit", "outcome_pk"), COORDINATOR_ONLY),
    Case(
        "prioritization:intervention_create",
        url("intervention_create", "outcome_pk"),
        COORDINATOR_ONLY,
    ),
    Case(
        "prioritization:intervention_edit",
        url("intervention_edit", "intervention_pk"),
        COORDINATOR_ONLY,
    ),
    Case("prioritization:idea_queue", url("idea_queue"), COORDINATOR_ONLY),
    Case("prioritization:idea_moderate", url("idea_moderate", "idea_pk"), COORDINATOR_ONLY),
    Case("prioritization:round_list", url("round_list"), public()),
    Case("prioritization:matrix", url("matrix"), public()),
    Case("prioritization:round_create", url("round_create"), COORDINATOR_ONLY),
    Case("prioritization:round_detail", url("round_detail", "open_round"), SIGNED_IN),
    Case("prioritization:round_detail", url("round_detail", "closed_round"), public()),
    Case("prioritization:round_score", url("round_score", "open_round"), SCORERS),
    Case("prioritization:round_close", url("round_close", "open_round"), COORDINATOR_ONLY),
    Case(
        "prioritization:round_close",
        url("round_close", "open_round"),
        COORDINATOR_ONLY,
        "post",
        lambda objects: {"without_missing": "on"},
    ),
]


@pytest.fixture
def objects(db):
    area = FocusAreaFactory()
    need = NeedFactory(focus_area=area)
    outcome = OutcomeFactory(need=need)
    open_round = RoundFactory(needs=[need])
    ScoreFactory(round=open_round, need=need)
    return SimpleNamespace(
        area_slug=area.slug,
        group_slug=TargetGroupFactory().slug,
        indicator_slug=IndicatorFactory(focus_area=area).slug,
        need_pk=need.pk,
        outcome_pk=outcome.pk,
        intervention_pk=InterventionFactory(outcome=outcome).pk,
        idea_pk=IdeaFactory().pk,
        open_round=open_round.pk,
        closed_round=RoundFactory(needs=[need], status="closed").pk,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
