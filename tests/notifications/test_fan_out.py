"""Who is told of what (issue 17's table, the rows made from events), once each."""

import datetime

import pytest
from django.utils import timezone, translation

from actors.eventstream import GAP_WAIT, cursor_move_on
from notifications.models import FanOutCursor, Notification
from notifications.selectors import row
from notifications.services import notifications_fan_out
from prioritization.services import round_open
from tests.factories import MembershipFactory, UserFactory
from tests.focusgroups.factories import IdeaFactory
from tests.initiatives.factories import InitiativeFactory
from tests.prioritization.factories import NeedFactory
from tests.reports.conftest import stored_report
from tests.workshops.factories import WorkshopFactory

from .conftest import logged, moved, record

pytestmark = pytest.mark.django_db


def told(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_it_tells_an_organisations_people_of_an_action_given_to_it(
    workshop, organisation, member, outsider, coordinator
):
    colleague = MembershipFactory(organisation=organisation, user__email="colleague@example.org")
    logged(workshop, coordinator, owners=[organisation])

    assert notifications_fan_out() == 2

    assert told("action_given") == ["colleague@example.org", "member@example.org"]
    member.refresh_from_db()
    assert member.unread_notifications == 1
    notice = colleague.user.notifications.get()
    assert notice.data == {"due": "2026-12-01", "text_sv": "Åtgärd 0", "text_so": "Hawl 0"}
    with translation.override("sv"):
        assert "fick åtgärden ”Åtgärd 0” på workshoppen" in row(notice).text
    with translation.override("so"):
        assert "Hawl 0" in row(notice).text
    with translation.override("en"):  # no English text: the Swedish one
        assert "was given the action “Åtgärd 0” at the workshop" in row(notice).text


def test_it_tells_of_an_action_once_when_the_workshop_is_logged_again(
    workshop, organisation, member, other_organisation, outsider
):
    logged(workshop, owners=[organisation])
    notifications_fan_out()
    logged(workshop, owners=[organisation, other_organisation])

    assert notifications_fan_out() == 1

    assert told("action_given") == ["member@example.org", "other@example.org"]


def test_it_tells_the_lead_organisation_its_initiative_moved(initiative, member, outsider):
    moved(initiative, "decision")

    notifications_fan_out()

    assert told("initiative_moved") == ["member@example.org"]
    assert told("evaluation_reached") == []


def test_it_never_tells_people_of_their_own_action(initiative, member, organisation):
    MembershipFactory(organisation=organisation, user__email="colleague@example.org")
    moved(initiative, "decision", actor=member)

    notifications_fan_out()

    assert told("initiative_moved") == ["colleague@example.org"]


def test_it_tells_evaluators_an_initiative_reached_evaluation(initiative, member, evaluator):
    moved(initiative, "evaluation")

    notifications_fan_out()

    assert told("evaluation_reached") == ["evaluator@example.org"]
    assert told("initiative_moved") == ["member@example.org"]


def test_it_tells_every_member_organisations_people_a_round_opened(
    member, outsider, coordinator, treasurer
):
    round_open(title_sv="Våren", needs=[NeedFactory()], actor=coordinator)

    notifications_fan_out()

    assert told("round_opened") == ["member@example.org", "other@example.org"]


def test_it_tells_coordinators_an_idea_waits(coordinator, member):
    record("focusgroups.idea_confirmed", IdeaFactory(), title="Fler bänkar")

    notifications_fan_out()

    assert told("idea_waiting") == ["coordinator@example.org"]


@pytest.mark.parametrize("kind", ["ready", "failed"])
def test_it_tells_who_asked_for_a_report(kind, initiative, evaluator, coordinator):
    report = stored_report(initiative)
    record(f"reports.{kind}", report, requested_by=evaluator.pk, reason="Disken var full")

    notifications_fan_out()

    assert told(f"report_{kind}") == ["evaluator@example.org"]


def test_it_tells_nobody_who_can_no_longer_log_in(initiative, member):
    member.is_active = False
    member.save()
    moved(initiative, "decision")

    assert notifications_fan_out() == 0


def test_running_twice_tells_nobody_twice(initiative, member):
    moved(initiative, "decision")
    notifications_fan_out()
    FanOutCursor.objects.update(last_event_id=0)

    assert notifications_fan_out() == 0

    member.refresh_from_db()
    assert member.unread_notifications == 1


def test_a_run_that_dies_moves_nothing_on(initiative, member, monkeypatch):
    from notifications import services

    moved(initiative, "decision")
    monkeypatch.setattr(services.Notification.objects, "bulk_create", _die)

    with pytest.raises(RuntimeError):
        notifications_fan_out()

    assert FanOutCursor.objects.get().last_event_id == 0
    monkeypatch.undo()
    assert notifications_fan_out() == 1


def _die(*args, **kwargs):
    raise RuntimeError("worker killed")


def test_it_reads_the_stream_in_batches_until_none_is_left(initiative, member):
    events = [moved(initiative, step) for step in ("decision", "funding", "execution")]

    assert notifications_fan_out(batch=2) == 3

    assert FanOutCursor.objects.get().last_event_id == events[-1].pk
    assert notifications_fan_out(batch=2) == 0


def test_an_event_committed_late_is_told_and_a_rolled_back_one_forgotten():
    cursor, _created = FanOutCursor.objects.update_or_create(
        pk=1, defaults={"last_event_id": 10, "gaps": {}}
    )

    cursor_move_on(cursor, [11, 13])
    assert cursor.last_event_id == 13
    assert list(cursor.gaps) == ["12"]

    cursor_move_on(cursor, [12])  # the late one committed and was read
    assert cursor.gaps == {}

    cursor_move_on(cursor, [15])
    cursor.gaps["14"] = (timezone.now() - GAP_WAIT - datetime.timedelta(seconds=1)).isoformat()
    cursor_move_on(cursor, [])
    assert cursor.gaps == {}
    assert FanOutCursor.objects.get().last_event_id == 15


def test_a_late_event_below_the_cursor_is_read(initiative, member):
    event = moved(initiative, "decision")
    FanOutCursor.objects.update(
        last_event_id=event.pk, gaps={str(event.pk): timezone.now().isoformat()}
    )

    assert notifications_fan_out() == 1
    assert FanOutCursor.objects.get().gaps == {}


def test_a_person_with_no_organisation_hears_of_no_round(coordinator):
    UserFactory(email="alone@example.org")
    round_open(title_sv="Våren", needs=[NeedFactory()], actor=coordinator)

    assert notifications_fan_out() == 0


def test_it_tells_once_the_events_transaction_commits(
    initiative, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        moved(initiative, "decision")
        moved(initiative, "funding")

    # One run for the transaction, however many events (the run's mails add callbacks of theirs).
    assert [callback.__name__ for callback in callbacks].count("_queue_fan_out") == 1
    assert told("initiative_moved") == ["member@example.org", "member@example.org"]


def test_an_event_nobody_is_told_of_queues_no_run(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        record("actors.charter_changed", None)

    assert callbacks == []


def a_days_events(size: int, coordinator):
    """`size` initiatives moved (each led by an organisation of its own), a workshop logged with
    an action for `size` organisations, a round opened and an idea confirmed."""
    organisations = [MembershipFactory().organisation for _ in range(size)]
    for organisation in organisations:
        MembershipFactory(organisation=organisation)
        moved(InitiativeFactory(lead_organisation=organisation), "evaluation")
    logged(WorkshopFactory(), owners=organisations)
    round_open(title_sv="Våren", needs=[NeedFactory()], actor=coordinator)
    record("focusgroups.idea_confirmed", IdeaFactory(), title="Fler bänkar")


@pytest.mark.parametrize("size", [1, 4])
def test_a_batch_takes_the_same_queries_however_many_events_and_people(
    size, coordinator, evaluator, django_assert_num_queries
):
    a_days_events(size, coordinator)

    # The cursor (get_or_create, then locked inside a savepoint and its release), the events;
    # who belongs where: the people of every active organisation, the holders of every role, the
    # lead organisations of the initiatives moved; the active recipients, the notices already
    # made, the new notices, their delivery rows, the unread counts and the cursor saved.
    with django_assert_num_queries(14):
        notifications_fan_out(mail=False)

    assert Notification.objects.filter(kind="action_given").count() == 2 * size
