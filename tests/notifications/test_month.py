"""A month of the demo (issue 17): with the clock moved to each morning in turn, the daily job of
beat tells the demo's people the right reminders on the right days, and nothing on the others.
On the evening of each workshop the coordinator logs it as held, Folkets Husby having come, and
beat's fan-out tells of it.

The demo is dated from the day it is loaded: a Wednesday, so that what stays overdue is told of
on that first day and then on Mondays. Its workshops fall every other Wednesday, planned four
weeks ahead: the first on that day."""

import datetime
from collections import defaultdict

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from actors.models import Organisation, User
from funding.models import ReportingDuty
from initiatives.models import Initiative
from notifications import tasks
from notifications.models import Notification
from notifications.reminders import week_of
from prioritization.models import PrioritisationRound
from workshops.choices import WorkshopStatus
from workshops.models import Workshop, WorkshopItem
from workshops.services import workshop_log

pytestmark = pytest.mark.django_db

DAYS = 31
DAY = datetime.timedelta(days=1)
START = datetime.date(2026, 12, 2)


def morning(day: datetime.date) -> datetime.datetime:
    """Half past six in Stockholm, when beat runs the job."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(6, 30)))


def evening(day: datetime.date) -> datetime.datetime:
    """Half past six in the evening, when the day's workshop is over."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 30)))


def log_the_workshop_of(day: datetime.date) -> None:
    """The coordinator logs the day's workshop, if there is one, as held: Folkets Husby came."""
    workshop = Workshop.objects.filter(status=WorkshopStatus.PLANNED, starts_at__date=day).first()
    if workshop is None:
        return
    workshop_log(
        workshop=workshop,
        attendance={Organisation.objects.get(slug="folkets-husby").pk: 3},
        items=[],
        actor=User.objects.get(email="coordinator@demo.cih.se"),
    )
    tasks.fan_out()


@pytest.fixture
def month(django_capture_on_commit_callbacks):
    """Who was told what on which day of the month: email → kind → day → thing ids."""
    with time_machine.travel(morning(START), tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("seed_demo", verbosity=0)
        # The demo makes the first morning's reminders itself; they count as that morning's.
        seen = set(Notification.objects.exclude(event=None).values_list("pk", flat=True))
        reminded = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
        for day in (START + n * DAY for n in range(DAYS)):
            clock.move_to(morning(day))
            tasks.reminders()
            clock.move_to(evening(day))
            log_the_workshop_of(day)
            for pk, email, kind, key in Notification.objects.exclude(pk__in=seen).values_list(
                "pk", "recipient__email", "kind", "key"
            ):
                seen.add(pk)
                reminded[email][kind][day].add(about(key))
    return reminded


def about(key: str) -> int | str:
    """What a reminder's key names: a thing's id, or, for a summary, its week."""
    thing = key.split(":")[1]
    return int(thing) if thing.isdigit() else thing


END = START + (DAYS - 1) * DAY
MONDAYS = [
    datetime.date(2026, 12, 7),
    datetime.date(2026, 12, 14),
    datetime.date(2026, 12, 21),
    datetime.date(2026, 12, 28),
]


# The demo's workshops in the month, by day.
WORKSHOP_DAYS = [START, datetime.date(2026, 12, 16), datetime.date(2026, 12, 30)]


def workshops_on(days) -> dict[datetime.date, set[int]]:
    return {day: {Workshop.objects.get(starts_at__date=day).pk} for day in days}


def next_weeks_workshops() -> dict[datetime.date, set[int]]:
    """The workshops told of a week ahead within the month: those after the first."""
    return {day - 7 * DAY: pks for day, pks in workshops_on(WORKSHOP_DAYS[1:]).items()}


def weekly(first: datetime.date = START) -> list[datetime.date]:
    """The days from `first` on, within the month, when something still overdue is told of:
    the first, then each Monday."""
    days = [first + n * DAY for n in range((END - first).days + 1)]
    return [day for day in days if day == first or day.weekday() == 0]


def open_actions_of(name: str) -> set[int]:
    return set(
        WorkshopItem.objects.open_actions().filter(owner__name=name).values_list("pk", flat=True)
    )


def test_what_stays_overdue_is_told_of_on_the_first_day_and_then_on_mondays():
    assert weekly() == [START, *MONDAYS]


def test_a_member_is_reminded_weekly_of_overdue_actions_and_once_of_the_closing_round(month):
    reminded = month
    overdue = open_actions_of("Folkets Husby")
    round_ = PrioritisationRound.objects.get(status="open")

    assert overdue, "the demo has overdue actions of the member's organisation"
    assert WorkshopItem.objects.filter(pk__in=overdue, due__gte=START).count() == 0
    assert reminded["member@demo.cih.se"] == {
        "action_overdue": dict.fromkeys(weekly(), overdue),
        "round_closing": {round_.closes_on - 2 * DAY: {round_.pk}},
        "workshop_next_week": next_weeks_workshops(),
        "minutes_draft": workshops_on(WORKSHOP_DAYS),
        "initiative_stalled": dict.fromkeys(weekly(), {standing_still("Simskola för vuxna")}),
        "follow_up_due": dict.fromkeys(weekly(), {standing_still("Språkcafé på biblioteket")}),
    }


def standing_still(title_sv: str) -> int:
    """The demo's initiative of that title, which stands still the whole month through."""
    return Initiative.objects.get(title_sv=title_sv).pk


def test_another_organisation_hears_only_of_its_own_actions_and_of_no_minutes(month):
    reminded = month
    round_ = PrioritisationRound.objects.get(status="open")

    # RISE came to none of the month's workshops.
    assert reminded["evaluator@demo.cih.se"] == {
        "action_overdue": dict.fromkeys(weekly(), open_actions_of("RISE")),
        "round_closing": {round_.closes_on - 2 * DAY: {round_.pk}},
        "workshop_next_week": next_weeks_workshops(),
    }


def test_the_coordinator_is_reminded_weekly_of_what_waits_and_nothing_in_between(month):
    reminded = month
    coordinator = reminded["coordinator@demo.cih.se"]

    for kind in ("idea_waiting_long", "consultation_unanswered", "parked_item_due"):
        assert list(coordinator[kind]) == weekly(), kind
    # The minutes of the month's workshops stay a draft: each is told of a week after its
    # workshop, then on Mondays with the others.
    unpublished_since = {day + 7 * DAY for day in WORKSHOP_DAYS if day + 7 * DAY <= END}
    assert list(coordinator["minutes_unpublished"]) == sorted(set(weekly()) | unpublished_since)
    # Of Folkets Husby too, the coordinator hears of next week's workshop, but is not asked to
    # comment on the minutes they logged.
    assert coordinator["workshop_next_week"] == next_weeks_workshops()
    assert "minutes_draft" not in coordinator
    days = {day for told in coordinator.values() for day in told}
    round_day = PrioritisationRound.objects.get(status="open").closes_on - 2 * DAY
    assert days == set(weekly()) | {round_day} | set(next_weeks_workshops()) | unpublished_since


def test_the_coordinator_gets_a_summary_each_monday_counting_what_the_reminders_tell(month):
    reminded = month
    coordinator = reminded["coordinator@demo.cih.se"]

    assert coordinator["overdue_summary"] == {monday: {week_of(monday)} for monday in MONDAYS}
    summaries = Notification.objects.filter(
        kind="overdue_summary", recipient__email="coordinator@demo.cih.se"
    )
    for summary in summaries:
        counts = summary.data["counts"]
        monday = datetime.date.fromisoformat(summary.data["day"])
        for kind in ("idea_waiting_long", "consultation_unanswered", "parked_item_due"):
            assert counts[kind] == len(coordinator[kind][monday]), kind
        assert counts["minutes_unpublished"] == len(coordinator["minutes_unpublished"][monday])
        assert counts["duty_overdue"] == len(
            reminded["treasurer@demo.cih.se"]["duty_overdue"].get(monday, ())
        )
        assert counts["initiative_stalled"] == counts["follow_up_due"] == 1
        overdue = WorkshopItem.objects.open_actions().filter(owner__isnull=False, due__lt=monday)
        assert counts["action_overdue"] == overdue.count() > 0


def test_the_treasurer_hears_of_each_report_14_days_ahead_and_weekly_once_overdue(month):
    reminded = month
    duties = ReportingDuty.objects.filter(done_on__isnull=True)
    due_soon = defaultdict(set)
    overdue = defaultdict(set)
    for duty in duties:
        if START <= duty.due_on - 14 * DAY <= END:
            due_soon[duty.due_on - 14 * DAY].add(duty.pk)
        if duty.due_on < END:
            for day in weekly(max(START, duty.due_on + DAY)):
                overdue[day].add(duty.pk)

    assert due_soon and overdue, "the demo has reports coming due and overdue"
    assert reminded["treasurer@demo.cih.se"] == {"duty_due_soon": due_soon, "duty_overdue": overdue}
