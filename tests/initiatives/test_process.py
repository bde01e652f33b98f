import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from actors.appendonly import AppendOnlyError
from funding.choices import EntryKind
from initiatives import process
from initiatives.choices import InitiativeStep as S
from initiatives.models import Decision, Evaluation, FollowUp, InitiativeStepChange
from initiatives.services import TransitionError, initiative_advance
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import (
    ConsultationFactory,
    InitiativeFactory,
    InsightFactory,
    NeedFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The service's messages are read in English here; the views test the Swedish ones."""
    with translation.override("en"):
        yield


@pytest.fixture
def initiative(organisation):
    return InitiativeFactory(lead_organisation=organisation)


def move(initiative, to_step, actor, **kwargs):
    return initiative_advance(initiative=initiative, to_step=to_step, actor=actor, **kwargs)


def assert_unchanged(initiative, step, log_count):
    initiative.refresh_from_db()
    assert initiative.step == step
    assert InitiativeStepChange.objects.filter(initiative=initiative).count() == log_count


def record_decision(initiative):
    Decision.objects.create(
        initiative=initiative, decided_on=datetime.date(2026, 2, 1), decided_by="Workshop"
    )


def record_follow_up(initiative):
    FollowUp.objects.create(
        initiative=initiative,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        activities=4,
        how_well="Bra",
        better_off="Ja",
        money_spent=Decimal("1000"),
        status="on_track",
    )


def test_it_walks_the_whole_process_writing_one_log_row_per_move(
    initiative, member, coordinator, treasurer, evaluator
):
    initiative.needs.add(NeedFactory())
    move(initiative, S.PROPOSAL, member)
    initiative.insights.add(InsightFactory())
    move(initiative, S.DECISION, coordinator)
    record_decision(initiative)
    move(initiative, S.FUNDING, coordinator)
    grant = make_grant(treasurer, initiative.budget, received=initiative.budget)
    book(treasurer, EntryKind.ALLOCATION, grant, initiative.budget, initiative)
    move(initiative, S.EXECUTION, treasurer)
    record_follow_up(initiative)
    move(initiative, S.EVALUATION, member)
    Evaluation.objects.create(
        initiative=initiative,
        method="Intervjuer",
        findings_sv="Bra",
        lessons_sv="Mer",
        recommendation="continue",
    )
    move(initiative, S.COMPLETED, evaluator, note="Klart")

    log = list(initiative.log.values_list("from_step", "to_step", "actor__email"))
    assert log == [
        (S.NEEDS, S.PROPOSAL, member.email),
        (S.PROPOSAL, S.DECISION, coordinator.email),
        (S.DECISION, S.FUNDING, coordinator.email),
        (S.FUNDING, S.EXECUTION, treasurer.email),
        (S.EXECUTION, S.EVALUATION, member.email),
        (S.EVALUATION, S.COMPLETED, evaluator.email),
    ]
    initiative.refresh_from_db()
    assert initiative.step == S.COMPLETED
    assert initiative.submitted_at is not None


@pytest.mark.parametrize(
    ("start", "target", "prepare", "message"),
    [
        (S.NEEDS, S.PROPOSAL, None, "Link at least one need"),
        (S.PROPOSAL, S.DECISION, None, "not anchored with residents"),
        (S.DECISION, S.FUNDING, None, "Record the decision first"),
        (S.FUNDING, S.EXECUTION, None, "do not cover the budget"),
        (S.EXECUTION, S.EVALUATION, None, "at least one follow-up"),
        (S.EVALUATION, S.COMPLETED, None, "Record the evaluation"),
    ],
)
def test_every_guard_refuses_and_changes_nothing(
    initiative, coordinator, start, target, prepare, message
):
    initiative.step = start
    initiative.save()
    with pytest.raises(TransitionError) as error:
        move(initiative, target, coordinator)
    assert message in " ".join(error.value.messages)
    assert_unchanged(initiative, start, 0)


def test_funding_that_does_not_cover_the_budget_is_refused(initiative, treasurer):
    initiative.step = S.FUNDING
    initiative.save()
    grant = make_grant(treasurer, initiative.budget, received=initiative.budget)
    book(treasurer, EntryKind.ALLOCATION, grant, initiative.budget - Decimal("0.01"), initiative)
    with pytest.raises(TransitionError, match="0.01 SEK is missing"):
        move(initiative, S.EXECUTION, treasurer)
    assert_unchanged(initiative, S.FUNDING, 0)


def test_without_a_fund_nothing_can_say_the_budget_is_covered(initiative, treasurer, monkeypatch):
    """The default guard, used only when no fund registered its check, lets nothing through."""
    monkeypatch.setattr(process, "_funding_check", [process.no_fund_set_up])
    initiative.step = S.FUNDING
    initiative.save()
    with pytest.raises(TransitionError, match="No fund is set up"):
        move(initiative, S.EXECUTION, treasurer)
    assert_unchanged(initiative, S.FUNDING, 0)


def test_the_fund_registers_the_check_that_decides(initiative, treasurer, monkeypatch):
    monkeypatch.setattr(process, "_funding_check", [process.no_fund_set_up])
    process.register_funding_check(lambda i: None)
    initiative.step = S.FUNDING
    initiative.save()
    move(initiative, S.EXECUTION, treasurer)
    assert_unchanged(initiative, S.EXECUTION, 1)


def test_an_answered_consultation_anchors_a_proposal_but_an_unanswered_one_does_not(
    initiative, coordinator
):
    initiative.step = S.PROPOSAL
    initiative.save()
    asked = ConsultationFactory()
    initiative.consultations.add(asked)
    with pytest.raises(TransitionError):
        move(initiative, S.DECISION, coordinator)
    asked.status, asked.answer_sv, asked.answered_on = "answered", "Ja", datetime.date(2025, 5, 1)
    asked.save()
    move(initiative, S.DECISION, coordinator)
    assert_unchanged(initiative, S.DECISION, 1)


def test_a_coordinator_can_override_anchoring_with_a_reason_the_log_keeps(initiative, coordinator):
    initiative.step = S.PROPOSAL
    initiative.save()
    change = move(
        initiative, S.DECISION, coordinator, override_reason="Rådet har inte mötts i sommar."
    )
    assert change.override_reason == "Rådet har inte mötts i sommar."
    assert_unchanged(initiative, S.DECISION, 1)


def test_an_override_without_a_reason_or_of_another_rule_is_refused(initiative, coordinator):
    initiative.step = S.PROPOSAL
    initiative.save()
    with pytest.raises(TransitionError):
        move(initiative, S.DECISION, coordinator, override_reason="   ")
    initiative.step = S.DECISION
    initiative.save()
    with pytest.raises(TransitionError):
        move(initiative, S.FUNDING, coordinator, override_reason="Vi har bråttom")
    assert_unchanged(initiative, S.DECISION, 0)


def test_an_override_reason_is_not_logged_when_the_rule_was_met(initiative, coordinator):
    initiative.step = S.PROPOSAL
    initiative.save()
    initiative.insights.add(InsightFactory())
    change = move(initiative, S.DECISION, coordinator, override_reason="onödigt")
    assert change.override_reason == ""


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.NEEDS, S.DECISION),
        (S.PROPOSAL, S.EXECUTION),
        (S.COMPLETED, S.EXECUTION),
        (S.REJECTED, S.PROPOSAL),
        (S.WITHDRAWN, S.NEEDS),
        (S.EXECUTION, S.PROPOSAL),
        (S.NEEDS, S.REJECTED),
        (S.NEEDS, "no-such-step"),
    ],
)
def test_a_move_not_in_the_table_is_refused(initiative, coordinator, start, target):
    initiative.step = start
    initiative.save()
    with pytest.raises(TransitionError) as error:
        move(initiative, target, coordinator, note="varför inte")
    assert "cannot go from" in " ".join(error.value.messages)
    assert_unchanged(initiative, start, 0)


@pytest.mark.parametrize("exit_step", [S.PARKED, S.WITHDRAWN])
def test_a_side_exit_needs_a_reason(initiative, coordinator, exit_step):
    initiative.step = S.PROPOSAL
    initiative.save()
    with pytest.raises(TransitionError):
        move(initiative, exit_step, coordinator, note="  ")
    move(initiative, exit_step, coordinator, note="Ingen lokal i år")
    initiative.refresh_from_db()
    assert initiative.step == exit_step
    assert initiative.exit_reason == "Ingen lokal i år"


def test_a_parked_initiative_goes_back_where_it_was(initiative, coordinator):
    initiative.step = S.FUNDING
    initiative.save()
    move(initiative, S.PARKED, coordinator, note="Väntar på besked")
    with pytest.raises(TransitionError):
        move(initiative, S.PROPOSAL, coordinator)
    move(initiative, S.FUNDING, coordinator)
    initiative.refresh_from_db()
    assert (initiative.step, initiative.parked_from, initiative.exit_reason) == (S.FUNDING, "", "")
    assert initiative.log.count() == 2


def test_only_the_lead_organisation_or_a_coordinator_submits_a_proposal(
    initiative, outsider, treasurer
):
    initiative.needs.add(NeedFactory())
    for person in (outsider, treasurer):
        with pytest.raises(PermissionDenied):
            move(initiative, S.PROPOSAL, person)
    assert_unchanged(initiative, S.NEEDS, 0)


def test_members_cannot_decide_and_evaluators_cannot_fund(initiative, member, evaluator):
    initiative.step = S.PROPOSAL
    initiative.save()
    initiative.insights.add(InsightFactory())
    with pytest.raises(PermissionDenied):
        move(initiative, S.DECISION, member)
    initiative.step = S.FUNDING
    initiative.save()
    with pytest.raises(PermissionDenied):
        move(initiative, S.EXECUTION, evaluator)


def test_a_stale_move_is_refused_with_a_clear_message(initiative, coordinator):
    initiative.step = S.PROPOSAL
    initiative.save()
    with pytest.raises(TransitionError) as error:
        move(initiative, S.DECISION, coordinator, expected_step=S.NEEDS, override_reason="x")
    assert "Someone else moved" in " ".join(error.value.messages)
    assert_unchanged(initiative, S.PROPOSAL, 0)


def test_the_log_is_append_only(initiative, coordinator):
    initiative.needs.add(NeedFactory())
    change = move(initiative, S.PROPOSAL, coordinator)
    change.note = "ändrad"
    with pytest.raises(AppendOnlyError, match="append-only"):
        change.save()
    with pytest.raises(AppendOnlyError, match="append-only"):
        change.delete()
    with pytest.raises(AppendOnlyError):
        InitiativeStepChange.objects.filter(pk=change.pk).update(note="ändrad")
    with pytest.raises(AppendOnlyError):
        InitiativeStepChange.objects.all().delete()
    # Only who moved it is forgotten, with their account.
    coordinator.delete()
    change.refresh_from_db()
    assert (change.actor, change.note) == (None, "")


def test_the_buttons_offered_match_the_table(initiative, member, coordinator, outsider):
    targets = {t.target for t in process.available_transitions(member, initiative)}
    assert targets == {S.PROPOSAL, S.WITHDRAWN}
    assert {t.target for t in process.available_transitions(coordinator, initiative)} == {
        S.PROPOSAL,
        S.PARKED,
        S.WITHDRAWN,
    }
    assert process.available_transitions(outsider, initiative) == []


def test_the_funding_rule_can_be_handed_to_the_fund(initiative, treasurer, monkeypatch):
    monkeypatch.setattr(process, "_funding_check", [lambda i: None])
    initiative.step = S.FUNDING
    initiative.save()
    move(initiative, S.EXECUTION, treasurer)
    assert_unchanged(initiative, S.EXECUTION, 1)
