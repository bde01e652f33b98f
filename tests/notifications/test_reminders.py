"""Reminders (issue 17's time-based rows): who is reminded of what on which day, once each."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from actors.models import SiteSettings
from focusgroups.choices import ConsultationStatus
from initiatives.choices import InitiativeStep as S
from notifications import tasks
from notifications.models import Delivery, Notification
from notifications.reminders import REMINDERS
from notifications.selectors import frequencies, row
from notifications.services import reminders_send
from tests.factories import MembershipFactory
from tests.focusgroups.factories import ConsultationFactory, IdeaFactory
from tests.funding.factories import make_grant
from tests.prioritization.factories import NeedFactory, RoundFactory, ScoreFactory
from tests.workshops.factories import (
    ActionFactory,
    ParkedItemFactory,
    PlannedWorkshopFactory,
    WorkshopFactory,
)
from workshops.choices import MinutesState

from .conftest import standing

pytestmark = pytest.mark.django_db

# A Wednesday: ISO week 49 of 2026 runs from Monday 30 November to Sunday 6 December.
TODAY = datetime.date(2026, 12, 2)
DAY = datetime.timedelta(days=1)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def action(**fields):
    """An action from a workshop whose minutes are out, so that only the action reminds."""
    return ActionFactory(workshop__minutes_state=MinutesState.PUBLISHED, **fields)


def told(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def run(first: datetime.date, days: int) -> dict[datetime.date, int]:
    """Run the job each day from `first` on; how many reminders each day made."""
    return {first + n * DAY: reminders_send(today=first + n * DAY) for n in range(days)}


def test_an_organisations_people_are_reminded_of_an_action_due_in_three_days_once(
    organisation, member, outsider, coordinator
):
    colleague = MembershipFactory(organisation=organisation, user__email="colleague@example.org")
    given = action(owner=organisation, due=TODAY + 3 * DAY, text_sv="Boka lokalen")

    made = run(TODAY - 2 * DAY, 5)

    assert made == {
        TODAY - 2 * DAY: 0,
        TODAY - DAY: 0,
        TODAY: 2,
        TODAY + DAY: 0,
        TODAY + 2 * DAY: 0,
    }
    assert told("action_due_soon") == ["colleague@example.org", "member@example.org"]
    notice = colleague.user.notifications.get()
    with translation.override("sv"):
        shown = row(notice)
    assert shown.text == (
        f"Åtgärden ”Boka lokalen” från workshoppen ”{given.workshop.theme_sv}” ska vara klar "
        "5 december 2026."
    )
    assert shown.url == f"/workshops/{given.workshop_id}/"


def test_an_overdue_action_is_reminded_of_once_a_week_until_done(organisation, member):
    overdue = action(owner=organisation, due=TODAY - DAY)
    action(owner=organisation, due=TODAY - DAY, done_at=at(TODAY - DAY))

    made = run(TODAY, 14)
    overdue.done_at = at(TODAY + 14 * DAY)
    overdue.save()
    after = run(TODAY + 14 * DAY, 7)

    # Wednesday of week 49, then the Mondays of weeks 50 and 51; nothing once it is done.
    assert [day for day, count in made.items() if count] == [
        TODAY,
        datetime.date(2026, 12, 7),
        datetime.date(2026, 12, 14),
    ]
    assert set(after.values()) == {0}
    assert told("action_overdue") == ["member@example.org"] * 3


def test_a_round_closing_in_two_days_reminds_the_organisations_that_have_not_scored(
    organisation, member, other_organisation, outsider, coordinator
):
    needs = NeedFactory.create_batch(2)
    round_ = RoundFactory(needs=needs, closes_on=TODAY + 2 * DAY)
    for need in needs:
        ScoreFactory(round=round_, need=need, organisation=organisation)
    ScoreFactory(round=round_, need=needs[0], organisation=other_organisation)

    made = run(TODAY - DAY, 3)

    assert made == {TODAY - DAY: 0, TODAY: 1, TODAY + DAY: 0}
    assert told("round_closing") == ["other@example.org"]


def test_coordinators_are_reminded_weekly_of_what_waits_for_them(coordinator, member):
    IdeaFactory(title="Parkour", confirmed_at=at(TODAY - 3 * DAY))
    IdeaFactory(title="Fresh", confirmed_at=at(TODAY - DAY))
    ConsultationFactory(asked_on=TODAY - 15 * DAY)
    ConsultationFactory(asked_on=TODAY - 3 * DAY)
    ConsultationFactory(
        asked_on=TODAY - 20 * DAY, answered_on=TODAY - DAY, status=ConsultationStatus.ANSWERED
    )
    ParkedItemFactory(workshop__minutes_state=MinutesState.PUBLISHED, look_again_on=TODAY)
    ParkedItemFactory(
        workshop__minutes_state=MinutesState.PUBLISHED, look_again_on=TODAY + 10 * DAY
    )
    WorkshopFactory(starts_at=at(TODAY - 8 * DAY), minutes_state=MinutesState.DRAFT)
    WorkshopFactory(starts_at=at(TODAY - 8 * DAY), minutes_state=MinutesState.PUBLISHED)
    WorkshopFactory(starts_at=at(TODAY - 3 * DAY), minutes_state=MinutesState.NONE)

    assert reminders_send(today=TODAY) == 4
    assert reminders_send(today=TODAY + DAY) == 0

    for kind in [
        "idea_waiting_long",
        "consultation_unanswered",
        "parked_item_due",
        "minutes_unpublished",
    ]:
        assert told(kind) == ["coordinator@example.org"]
    # The coordinators' reminders wait for the daily digest.
    assert not Delivery.objects.exists()


def test_the_treasurer_is_reminded_of_a_funders_report_due_in_14_days_and_overdue(
    treasurer, coordinator
):
    grant = make_grant(coordinator)
    soon = grant.duties.create(description="Lägesrapport", due_on=TODAY + 14 * DAY)
    grant.duties.create(description="Slutrapport", due_on=TODAY - DAY)
    grant.duties.create(description="Redan", due_on=TODAY - DAY, done_on=TODAY - DAY)

    assert reminders_send(today=TODAY) == 2
    assert reminders_send(today=TODAY) == 0

    assert told("duty_due_soon") == ["treasurer@example.org"]
    assert told("duty_overdue") == ["treasurer@example.org"]
    notice = treasurer.notifications.get(kind="duty_due_soon")
    with translation.override("en"):
        shown = row(notice)
    assert "Lägesrapport" in shown.text
    assert shown.url == f"/en/funding/grants/{soon.grant_id}/"
    # Reminders the person wants at once are mailed at once.
    assert Delivery.objects.count() == 2


def test_a_second_run_the_same_day_makes_nothing(organisation, member, coordinator):
    action(owner=organisation, due=TODAY - DAY)
    IdeaFactory(confirmed_at=at(TODAY - 5 * DAY))

    assert reminders_send(today=TODAY) == 2
    assert reminders_send(today=TODAY) == 0
    member.refresh_from_db()
    assert member.unread_notifications == 1


def _world(size: int, organisation, coordinator):
    for _n in range(size):
        action(owner=organisation, due=TODAY + 3 * DAY)
        action(owner=organisation, due=TODAY - DAY)
        needs = NeedFactory.create_batch(2)
        ScoreFactory(
            round=RoundFactory(needs=needs, closes_on=TODAY + 2 * DAY),
            need=needs[0],
            organisation=organisation,
        )
        IdeaFactory(confirmed_at=at(TODAY - 5 * DAY))
        ConsultationFactory(asked_on=TODAY - 30 * DAY)
        ParkedItemFactory(workshop__minutes_state=MinutesState.PUBLISHED, look_again_on=TODAY - DAY)
        WorkshopFactory(starts_at=at(TODAY - 10 * DAY))
        grant = make_grant(coordinator)
        grant.duties.create(description="Snart", due_on=TODAY + 14 * DAY)
        grant.duties.create(description="Sen", due_on=TODAY - 5 * DAY)
        PlannedWorkshopFactory(starts_at=at(TODAY + 7 * DAY))
        standing(S.PROPOSAL, TODAY - 200 * DAY, organisation)
        standing(S.EXECUTION, TODAY - 200 * DAY, organisation)


# Per kind: the things due, then the people to tell (the coordinators, the treasurers, or the
# people of the organisations concerned); a round's also reads the scores.
QUERIES = {
    "action_due_soon": 2,
    "action_overdue": 2,
    "round_closing": 3,
    "idea_waiting_long": 2,
    "consultation_unanswered": 2,
    "parked_item_due": 2,
    "minutes_unpublished": 2,
    "duty_due_soon": 2,
    "duty_overdue": 2,
    "workshop_next_week": 2,
    "initiative_stalled": 2,
    "follow_up_due": 2,
    # What each of the eight reminders it counts finds, then the coordinators.
    "overdue_summary": 9,
}
# The summary is made on Mondays.
ON = {"overdue_summary": datetime.date(2026, 12, 7)}


@pytest.mark.parametrize("size", [1, 4])
def test_reading_what_is_due_costs_the_same_queries_whatever_the_data(
    size, organisation, member, coordinator, treasurer
):
    _world(size, organisation, coordinator)
    MembershipFactory.create_batch(size, organisation=organisation)
    SiteSettings.current()  # the limits of initiatives, read once and kept in the cache

    for kind, find in REMINDERS.items():
        with CaptureQueriesContext(connection) as queries:
            found = find(ON.get(kind, TODAY))
        assert found, kind
        assert len(queries) == QUERIES[kind], kind


def test_the_daily_job_reminds_as_of_stockholms_date(monkeypatch):
    asked = []
    monkeypatch.setattr(
        "notifications.services.reminders_send", lambda *, today: asked.append(today) or 0
    )

    with time_machine.travel(datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC)):
        tasks.reminders()

    # 23:30 UTC on 1 December is already 2 December in Stockholm.
    assert asked == [TODAY]


def test_member_reminders_are_mailed_at_once_and_the_coordinators_daily():
    chosen = frequencies(user_ids=[1], kinds=list(REMINDERS))

    assert {kind: chosen[1, kind] for kind in REMINDERS} == {
        "action_due_soon": "at_once",
        "action_overdue": "at_once",
        "round_closing": "at_once",
        "idea_waiting_long": "daily",
        "consultation_unanswered": "daily",
        "parked_item_due": "daily",
        "minutes_unpublished": "daily",
        "duty_due_soon": "at_once",
        "duty_overdue": "at_once",
        "workshop_next_week": "at_once",
        "initiative_stalled": "at_once",
        "follow_up_due": "at_once",
        "overdue_summary": "at_once",
    }
