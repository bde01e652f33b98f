"""The demo initiatives leave the funding step only through the fund's ledger, their log tells
the story in the past, and loading again (also at a larger scale) changes nothing it made."""

import datetime
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.utils import timezone

from actors.i18n import translation
from funding import selectors
from funding.models import LedgerEntry
from initiatives.choices import InitiativeStep as S
from initiatives.demo import INITIATIVES, STANDING_STILL, past_funding
from initiatives.models import FollowUp, Initiative, InitiativeStepChange

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Initiative.objects.values_list("title_sv", "step")),
        InitiativeStepChange.objects.count(),
        FollowUp.objects.count(),
        LedgerEntry.objects.count(),
    )


def test_each_demo_initiative_ends_where_its_story_does_funded_by_the_ledger():
    call_command("seed_demo")
    steps = dict(Initiative.objects.values_list("title_sv", "step"))
    assert steps == {spec[0]: spec[9] for spec in (*INITIATIVES, *STANDING_STILL)}

    for initiative in Initiative.objects.filter(step__in=[S.EXECUTION, S.EVALUATION, S.COMPLETED]):
        assert selectors.initiative_funding(initiative)["allocated"] == initiative.budget
        moved_on = initiative.log.get(from_step=S.FUNDING, to_step=S.EXECUTION)
        assert moved_on.at < timezone.now()
    waiting = Initiative.objects.get(title_sv="Trygga vuxna i centrum")
    assert 0 < selectors.initiative_funding(waiting)["allocated"] < waiting.budget
    # The story's log rows are dated over the past months, one step after the other.
    running = Initiative.objects.get(title_sv="Fotboll på fredagskvällar")
    dates = list(running.log.values_list("at", flat=True))
    assert len(dates) == 4 and dates == sorted(dates)
    assert running.follow_ups.count() == 3


def test_a_larger_scale_after_a_first_seed_adds_earlier_years_and_then_stays_put():
    call_command("seed_demo")
    first = dict(Initiative.objects.values_list("title_sv", "step"))
    call_command("seed_demo", scale=2)
    steps = dict(Initiative.objects.values_list("title_sv", "step"))
    assert {title: steps[title] for title in first} == first
    earlier = {title: step for title, step in steps.items() if title not in first}
    assert len(earlier) == 2 * len(INITIATIVES)  # a spring and an autumn round
    # Each round has an English title of its own, as it has a Swedish one.
    english = [translation(i.translations, "en", "title") for i in Initiative.objects.all()]
    assert len(set(english)) == len(english) == len(steps)
    year = timezone.localdate().year - 1
    assert sum(title.endswith(f" ({year}, autumn)") for title in english) == len(INITIATIVES)
    # Last year's initiatives have run their course, but those that run long.
    assert S.COMPLETED in earlier.values()
    assert set(earlier.values()) <= {S.EXECUTION, S.EVALUATION, S.COMPLETED, S.PARKED, S.REJECTED}
    for initiative in Initiative.objects.filter(title_sv__in=earlier).exclude(
        step__in=[S.PARKED, S.REJECTED]
    ):
        assert selectors.initiative_funding(initiative)["allocated"] == initiative.budget

    before = snapshot()
    call_command("seed_demo", scale=2)
    assert snapshot() == before


def test_three_years_leave_no_story_at_funding_and_keep_one_calendar():
    call_command("seed_demo", scale=3)
    stories = past_funding(scale=3)
    steps = dict(Initiative.objects.filter(title_sv__in=stories).values_list("title_sv", "step"))
    assert steps == stories  # the fund had the money for every one of them

    day = datetime.timedelta(days=1)
    for initiative in Initiative.objects.filter(step__in=[S.EVALUATION, S.COMPLETED]):
        at = {change.to_step: change.at.date() for change in initiative.log.all()}
        decided_on = initiative.decision.decided_on
        assert at[S.DECISION] <= decided_on <= at[S.FUNDING] < at[S.EXECUTION]
        assert at[S.EXECUTION] == initiative.starts_on
        # A follow-up for each month from its start to its end, before it goes to evaluation.
        periods = list(initiative.follow_ups.values_list("period_start", "period_end"))
        assert periods[0][0] == initiative.starts_on
        assert periods[-1][1] == initiative.ends_on < at[S.EVALUATION]
        assert all(end + day == start for (_, end), (start, _) in pairwise(periods))
