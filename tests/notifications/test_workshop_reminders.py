"""The workshops, as the people of member organisations hear of them: draft minutes that wait
for their comments, and next week's workshop with its agenda and calendar file."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar

from actors.models import OutgoingMail
from notifications.kinds import MINUTES_WAIT_DAYS, kinds_for
from notifications.models import Delivery, Notification
from notifications.reminders import WORKSHOP_AHEAD_DAYS, workshops_next_week
from notifications.selectors import row
from notifications.services import (
    digests_send,
    notifications_fan_out,
    preferences_save,
    reminders_send,
)
from tests.factories import MembershipFactory, OrganisationFactory
from tests.notifications.conftest import in_english
from tests.workshops.factories import PlannedWorkshopFactory, days_from_now
from workshops.choices import MinutesState
from workshops.services import workshop_cancel, workshop_log, workshop_save

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
AGENDA_SV = "1. Uppföljning\n2. Dagens tema"


def told(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


@pytest.fixture
def colleague(organisation):
    return MembershipFactory(organisation=organisation, user__email="colleague@example.org").user


@pytest.fixture
def gone(db):
    """A person of an organisation no longer active in the collaboration."""
    organisation = OrganisationFactory(name="Nedlagd förening", active=False)
    return MembershipFactory(organisation=organisation, user__email="gone@example.org").user


@pytest.fixture
def lead(coordinator, organisation):
    """The coordinator, who logs the workshops, acts for an organisation too."""
    MembershipFactory(organisation=organisation, user=coordinator)
    return coordinator


def log(workshop, actor, *organisations):
    return workshop_log(
        workshop=workshop,
        attendance={organisation.pk: 3 for organisation in organisations},
        items=[],
        actor=actor,
    )


def held(days_ago: int = 1):
    """A workshop held `days_ago`, not logged yet."""
    workshop = PlannedWorkshopFactory(starts_at=days_from_now(-days_ago), theme_sv="Trygghet")
    return in_english(workshop, theme="Safety")


# Draft minutes wait for comments


def test_the_people_of_the_organisations_that_came_are_asked_to_comment_on_the_draft(
    organisation, member, colleague, outsider, gone, lead
):
    workshop = log(held(), lead, organisation, gone.memberships.get().organisation)

    notifications_fan_out()

    # Not the coordinator who logged it, not an organisation that stayed away or is inactive.
    assert told("minutes_draft") == ["colleague@example.org", "member@example.org"]
    publish = workshop.date + MINUTES_WAIT_DAYS * DAY
    notice = member.notifications.get(kind="minutes_draft")
    assert notice.data == {"publish": publish.isoformat()}
    with translation.override("sv"):
        shown = row(notice)
    assert shown.text == (
        "Utkastet till minnesanteckningarna från workshoppen ”Trygghet” väntar på din "
        f"organisations kommentarer tills det publiceras {date_format(publish, 'j F Y')}."
    )
    assert shown.url == f"/workshops/{workshop.pk}/#comments-title"
    with translation.override("en"):
        assert "“Safety” wait for your organisation's comments" in row(notice).text


def test_a_workshop_logged_again_asks_only_the_organisations_added(
    organisation, member, other_organisation, outsider, lead
):
    workshop = log(held(), lead, organisation)
    notifications_fan_out()

    log(workshop, lead, organisation, other_organisation)

    assert notifications_fan_out() == 1
    assert told("minutes_draft") == ["member@example.org", "other@example.org"]


def test_published_minutes_or_a_log_after_the_week_of_comments_ask_nobody(
    organisation, member, lead
):
    published = held()
    published.minutes_state = MinutesState.PUBLISHED
    published.save()
    log(published, lead, organisation)
    log(held(days_ago=MINUTES_WAIT_DAYS + 1), lead, organisation)
    last_day = log(held(days_ago=MINUTES_WAIT_DAYS), lead, organisation)

    notifications_fan_out()

    assert list(member.notifications.values_list("key", flat=True)) == [
        f"minutes_draft:{last_day.pk}"
    ]


# Next week's workshop


def planned(days: int = WORKSHOP_AHEAD_DAYS, **fields):
    workshop = PlannedWorkshopFactory(
        starts_at=days_from_now(days),
        ends_at=days_from_now(days, hour=18),
        place="Folkets Husby, stora salen",
        theme_sv="Trygga vägar hem",
        agenda_sv=AGENDA_SV,
        **fields,
    )
    return in_english(workshop, theme="Safe ways home")


def test_every_person_of_an_active_organisation_hears_of_next_weeks_workshop_once(
    member, colleague, outsider, gone, lead, treasurer
):
    workshop = planned()
    today = timezone.localdate()

    made = [reminders_send(today=day) for day in (today - DAY, today, today, today + DAY)]

    assert made == [0, 4, 0, 0]
    assert told("workshop_next_week") == [
        "colleague@example.org",
        "coordinator@example.org",
        "member@example.org",
        "other@example.org",
    ]
    notice = member.notifications.get()
    assert notice.key == f"workshop_next_week:{workshop.pk}:{workshop.date.isoformat()}"
    with translation.override("sv"):
        shown = row(notice)
    assert shown.text == (
        f"Nästa veckas workshop, ”Trygga vägar hem”, är {date_format(workshop.date, 'j F Y')}, "
        f"16:00–18:00, på Folkets Husby, stora salen.\nDagordning:\n{AGENDA_SV}"
    )
    assert shown.url == f"/workshops/{workshop.pk}/"
    member.refresh_from_db()
    assert member.unread_notifications == 1
    with translation.override("en"):
        # The agenda was written in Swedish only.
        assert row(notice).text.endswith(f"at Folkets Husby, stora salen.\nAgenda:\n{AGENDA_SV}")


def test_a_workshop_moved_is_told_of_again_a_week_before_its_new_day_and_a_cancelled_one_not(
    member, coordinator
):
    moved, cancelled = planned(), planned()
    today = timezone.localdate()
    assert reminders_send(today=today) == 2

    moved.starts_at += 3 * DAY
    moved.ends_at += 3 * DAY
    workshop_save(workshop=moved, actor=coordinator)
    workshop_cancel(workshop=cancelled, actor=coordinator)
    planned(days=WORKSHOP_AHEAD_DAYS + 3, status="cancelled")

    made = [reminders_send(today=today + n * DAY) for n in range(1, 5)]

    assert made == [0, 0, 1, 0]
    first, then = today + WORKSHOP_AHEAD_DAYS * DAY, today + (WORKSHOP_AHEAD_DAYS + 3) * DAY
    assert set(member.notifications.values_list("key", flat=True)) == {
        f"workshop_next_week:{moved.pk}:{first.isoformat()}",
        f"workshop_next_week:{cancelled.pk}:{first.isoformat()}",
        f"workshop_next_week:{moved.pk}:{then.isoformat()}",
    }


def test_the_mail_carries_the_workshops_calendar_file(
    site, member, smtp_sink, django_capture_on_commit_callbacks
):
    workshop = planned()

    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=timezone.localdate())

    (message,) = smtp_sink.to("member@example.org")
    assert message["Subject"] == "Nästa veckas workshop, med dagordning"
    body = message.get_body(("plain",)).get_content()
    assert "”Trygga vägar hem”" in body and "16:00–18:00" in body and "2. Dagens tema" in body
    assert "Öppna den bifogade kalenderfilen" in body
    (attached,) = message.iter_attachments()
    assert attached.get_content_type() == "text/calendar"
    assert attached.get_filename() == f"workshop-{workshop.pk}.ics"
    (event,) = Calendar.from_ical(attached.get_content()).walk("VEVENT")
    assert str(event["summary"]) == "Workshop: Trygga vägar hem"
    assert event.decoded("dtstart") == workshop.starts_at
    assert str(event["location"]) == "Folkets Husby, stora salen"
    assert str(event["url"]).endswith(f"/workshops/{workshop.pk}/")
    assert Delivery.objects.get().notification.recipient == member


def test_a_digest_lists_the_workshop_with_a_link_to_its_calendar_file(site, member):
    preferences_save(user=member, chosen={"workshop_next_week": "daily"})
    workshop = planned()
    reminders_send(today=timezone.localdate())
    assert not OutgoingMail.objects.exists()

    assert digests_send(frequency="daily") == 1

    mail = OutgoingMail.objects.get()
    assert mail.attachments == []
    assert "”Trygga vägar hem”" in mail.body_text
    assert f"/workshops/{workshop.pk}/calendar.ics" in mail.body_text


@pytest.mark.parametrize("size", [1, 4])
def test_reading_next_weeks_workshops_costs_the_same_queries_whatever_the_data(
    size, django_assert_num_queries
):
    for _n in range(size):
        planned()
        planned(days=WORKSHOP_AHEAD_DAYS + 1)
        MembershipFactory.create_batch(2)
        MembershipFactory(organisation__active=False)

    # the workshops planned for the day; the people of active organisations
    with django_assert_num_queries(2):
        found = workshops_next_week(timezone.localdate())

    assert len(found) == size * 2 * size


def test_members_may_choose_how_they_hear_of_the_workshops(member, treasurer):
    assert {"minutes_draft", "workshop_next_week"} <= {kind.kind for kind in kinds_for(member)}
    assert not {"minutes_draft", "workshop_next_week"} & {
        kind.kind for kind in kinds_for(treasurer)
    }
