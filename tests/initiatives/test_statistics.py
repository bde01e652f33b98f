"""The initiatives' figures for the reports: the steps and reach of a period, one record."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from actors.translations import translate
from initiatives import statistics
from initiatives.models import (
    Evaluation,
    FollowUp,
    FollowUpMeasure,
    FollowUpReach,
    OutcomeAchievement,
    ProcessStep,
)
from prioritization.models import OutcomeIndicator
from tests.prioritization.factories import DataPointFactory, IndicatorFactory, OutcomeFactory

from .factories import InitiativeFactory, InsightFactory, NeedFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)
# The initiative with its decision and evaluation, partners, target groups, needs, their quotes,
# other quotes, consultations, outcomes, their indicators, the indicators' statistics, the values
# measured, the achievements, follow-ups with their reach, the process log.
RECORD_QUERIES = 14


def follow_up(initiative, *, participants: int, spent: str, period_end=END) -> FollowUp:
    report = FollowUp.objects.create(
        initiative=initiative,
        period_start=period_end - datetime.timedelta(days=90),
        period_end=period_end,
        activities=3,
        how_well="Bra",
        better_off="Ja",
        money_spent=Decimal(spent),
        status="on_track",
    )
    FollowUpReach.objects.create(
        follow_up=report, target_group=TargetGroupFactory(), participants=participants
    )
    return report


def test_the_period_counts_initiatives_per_step_and_what_they_reached():
    running = InitiativeFactory(step="execution", title_sv="Läxhjälp")
    translate(running, "en", title="Homework")
    running.save()
    InitiativeFactory(step="parked")
    InitiativeFactory(step="needs")
    follow_up(running, participants=12, spent="100")
    follow_up(running, participants=8, spent="50", period_end=END - datetime.timedelta(days=90))
    follow_up(running, participants=99, spent="1", period_end=END + datetime.timedelta(days=1))
    steps = statistics.step_counts(start=START, end=END)
    assert steps.active == 2  # the parked one counts, though only the board's steps are listed
    assert sum(row["count"] for row in steps.steps) == 2
    with translation.override("en"):
        (reach,) = statistics.reach(start=START, end=END)
    assert reach["initiative"] == "Homework"
    assert (reach["follow_ups"], reach["participants"], reach["spent"]) == (2, 20, Decimal(150))
    by_group = statistics.reach_by_target_group(start=START, end=END)
    assert sum(row["participants"] for row in by_group) == 20


def test_the_record_of_an_initiative_reads_as_many_queries_bare_as_full(
    django_assert_num_queries,
):
    bare = InitiativeFactory(step="proposal")
    ProcessStep.of_site()  # the names of the steps, cached
    with django_assert_num_queries(RECORD_QUERIES):
        record = statistics.initiative_record(bare.pk)
    assert record["outcomes"] == record["follow_ups"] == record["needs"] == []

    full = InitiativeFactory(step="completed")
    need = NeedFactory()
    quote, other = InsightFactory(), InsightFactory()
    need.insights.add(quote)
    full.needs.add(need)
    full.insights.add(quote, other)
    outcome = OutcomeFactory(need=need)
    full.outcomes.add(outcome)
    indicator = IndicatorFactory()
    DataPointFactory(indicator=indicator, period="2025", value=Decimal("40"))
    measure = OutcomeIndicator.objects.create(
        outcome=outcome,
        indicator=indicator,
        baseline=Decimal("40"),
        baseline_period="2025",
        target=Decimal("50"),
        target_period="2027",
    )
    report = follow_up(full, participants=30, spent="500")
    FollowUpMeasure.objects.create(follow_up=report, outcome_indicator=measure, value=Decimal(44))
    evaluation = Evaluation.objects.create(
        initiative=full,
        method="Intervjuer",
        findings_sv="Bra",
        lessons_sv="Mer",
        recommendation="continue",
    )
    OutcomeAchievement.objects.create(evaluation=evaluation, outcome=outcome, achievement="partly")
    with translation.override("en"), django_assert_num_queries(RECORD_QUERIES):
        record = statistics.initiative_record(full.pk)
    assert [q["text"] for q in record["needs"][0]["quotes"]] == [quote.text_sv]
    assert [q["text"] for q in record["more_quotes"]] == [other.text_sv]
    (measured,) = record["outcomes"][0]["measures"]
    assert measured["statistics"] == {"2025": Decimal("40")}
    assert measured["measured"] == [{"period": f"{END:%Y-%m}", "value": Decimal(44)}]
    assert record["outcomes"][0]["achievement"] == "Partly achieved"
    assert record["follow_ups"][0]["participants"] == 30
    assert record["evaluation"]["recommendation"] == "Continue"
