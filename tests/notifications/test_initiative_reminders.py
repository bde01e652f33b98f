"""Reminders of initiatives that stand still, of follow-up reports due, and the coordinators'
weekly summary of what is overdue: who is told, on which days, with the collaboration's limits."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from actors.models import OutgoingMail, SiteSettings
from initiatives.choices import InitiativeStep as S
from initiatives.models import FollowUp, Initiative, InitiativeStepChange
from notifications.models import Notification
from notifications.reminders import REMINDERS
from notifications.selectors import row
from notifications.services import digests_send, preferences_save, reminders_send
from tests.factories import MembershipFactory
from tests.focusgroups.factories import IdeaFactory
from tests.funding.factories import make_grant
from tests.initiatives.factories import FollowUpFactory, InitiativeFactory
from tests.notifications.conftest import in_english
from tests.workshops.factories import ActionFactory
from workshops.choices import MinutesState

from .conftest import at, standing

pytestmark = pytest.mark.django_db

# A Wednesday: ISO week 49 of 2026 runs from Monday 30 November to Sunday 6 December.
TODAY = datetime.date(2026, 12, 2)
MONDAY = datetime.date(2026, 12, 7)
DAY = datetime.timedelta(days=1)


def reported(initiative: Initiative, up_to: datetime.date) -> FollowUp:
    return FollowUpFactory(initiative=initiative, period_end=up_to)


def told(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def told_of(kind: str) -> set[int]:
    return {
        int(key.split(":")[1])
        for key in Notification.objects.filter(kind=kind).values_list("key", flat=True)
    }


def run(first: datetime.date, days: int) -> list[datetime.date]:
    """Run the job each day from `first` on; the days it made something."""
    return [first + n * DAY for n in range(days) if reminders_send(today=first + n * DAY)]


def shown(notice: Notification, language: str):
    with translation.override(language):
        return row(notice)


def test_the_lead_organisations_people_hear_of_an_initiative_standing_longer_than_the_limit(
    site, organisation, member, outsider, coordinator, other_organisation
):
    colleague = MembershipFactory(organisation=organisation, user__email="colleague@example.org")
    stalled = standing(S.DECISION, TODAY - 121 * DAY, organisation, title_sv="Läxhjälp")
    in_english(stalled, title="Homework help")
    standing(S.PROPOSAL, TODAY - 120 * DAY, organisation)  # exactly the limit: not longer
    for step in (S.EXECUTION, S.EVALUATION, S.PARKED, S.COMPLETED, S.REJECTED, S.WITHDRAWN):
        standing(step, TODAY - 300 * DAY, organisation)
    # Drafted long ago and never submitted: it has stood at the first step since it was drafted.
    draft = InitiativeFactory(lead_organisation=other_organisation)
    Initiative.objects.filter(pk=draft.pk).update(created=at(TODAY - 200 * DAY))
    # Back at the step it was parked from ten days ago: its time there begins again.
    back = standing(S.FUNDING, TODAY - 200 * DAY, organisation)
    InitiativeStepChange.objects.create(
        initiative=back, from_step=S.PARKED, to_step=S.FUNDING, at=at(TODAY - 10 * DAY)
    )

    reminders_send(today=TODAY)

    assert told("initiative_stalled") == [
        "colleague@example.org",
        "member@example.org",
        "other@example.org",
    ]
    assert told_of("initiative_stalled") == {stalled.pk, draft.pk}
    notice = colleague.user.notifications.get(key__contains=f":{stalled.pk}:")
    assert shown(notice, "sv").text == (
        "”Läxhjälp” har stått i steget ”Beslut” i 121 dagar, sedan 3 augusti 2026."
    )
    english = shown(notice, "en")
    assert english.text == (
        "“Homework help” has stood at the step “Decision” for 121 days, since 3 August 2026."
    )
    assert english.url == f"/en/initiatives/{stalled.pk}/"


def test_the_limit_of_a_step_is_the_collaborations_own(site, organisation, member):
    standing(S.PROPOSAL, TODAY - 31 * DAY, organisation)
    assert reminders_send(today=TODAY) == 0

    site.step_limit_days = 30
    site.save()

    assert reminders_send(today=TODAY) == 1
    assert told("initiative_stalled") == ["member@example.org"]


def test_a_stalled_initiative_is_told_of_weekly_until_it_moves(site, organisation, member):
    stalled = standing(S.FUNDING, TODAY - 200 * DAY, organisation)

    days = run(TODAY, 14)
    stalled.step = S.EXECUTION
    stalled.save()
    InitiativeStepChange.objects.create(
        initiative=stalled, from_step=S.FUNDING, to_step=S.EXECUTION, at=at(TODAY + 14 * DAY)
    )
    after = run(TODAY + 14 * DAY, 7)

    # Wednesday of week 49, then the Mondays of weeks 50 and 51; nothing once it has moved.
    assert days == [TODAY, MONDAY, MONDAY + 7 * DAY]
    assert after == []
    assert told("initiative_stalled") == ["member@example.org"] * 3


def test_the_lead_organisation_hears_of_a_follow_up_report_due(
    site, organisation, member, other_organisation, outsider, coordinator
):
    never = in_english(standing(S.EXECUTION, TODAY - 100 * DAY, organisation), title="Football")
    silent = standing(S.EXECUTION, TODAY - 300 * DAY, other_organisation, title_sv="Läxhjälp")
    reported(silent, TODAY - 91 * DAY)
    reported(silent, TODAY - 200 * DAY)
    on_time = standing(S.EXECUTION, TODAY - 300 * DAY, organisation)
    reported(on_time, TODAY - 90 * DAY)  # exactly the interval: not due yet
    recent = standing(S.EXECUTION, TODAY - 300 * DAY, organisation)
    reported(recent, TODAY - 200 * DAY)
    reported(recent, TODAY - 10 * DAY)
    standing(S.EXECUTION, TODAY - 89 * DAY, organisation)  # began not long ago
    standing(S.EVALUATION, TODAY - 300 * DAY, organisation)  # carried out already

    assert reminders_send(today=TODAY) == 2

    assert told("follow_up_due") == ["member@example.org", "other@example.org"]
    assert told_of("follow_up_due") == {never.pk, silent.pk}
    first = shown(member.notifications.get(), "en")
    assert first.text == (
        "A follow-up report on “Football” is due: none is written since it began to be carried "
        "out on 24 August 2026."
    )
    assert first.url == f"/en/initiatives/{never.pk}/follow-ups/new/"
    assert shown(outsider.notifications.get(), "sv").text == (
        "En uppföljning av ”Läxhjälp” ska lämnas: den senaste gällde fram till 2 september 2026."
    )


def test_the_interval_of_follow_ups_is_the_collaborations_own_and_told_weekly_until_written(
    site, organisation, member
):
    running = standing(S.EXECUTION, TODAY - 300 * DAY, organisation)
    reported(running, TODAY - 31 * DAY)
    assert reminders_send(today=TODAY) == 0

    site.follow_up_every_days = 30
    site.save()
    days = run(TODAY, 14)
    reported(running, TODAY + 13 * DAY)
    after = run(TODAY + 14 * DAY, 7)

    assert days == [TODAY, MONDAY, MONDAY + 7 * DAY]
    assert after == []


def overdue_world(organisation, coordinator):
    """Two overdue actions, an idea waiting long, a stalled initiative, a follow-up due."""
    for _n in range(2):
        ActionFactory(
            workshop__minutes_state=MinutesState.PUBLISHED, owner=organisation, due=TODAY - DAY
        )
    IdeaFactory(confirmed_at=at(TODAY - 5 * DAY))
    standing(S.PROPOSAL, TODAY - 200 * DAY, organisation)
    standing(S.EXECUTION, TODAY - 200 * DAY, organisation)


def test_each_monday_every_coordinator_gets_one_summary_of_what_is_overdue(
    site, organisation, member, coordinator, treasurer
):
    other = MembershipFactory(user__email="second@example.org").user
    other.role_assignments.create(role="coordinator")
    overdue_world(organisation, coordinator)

    run(TODAY, 14)
    summaries = Notification.objects.filter(kind="overdue_summary")

    assert sorted(summaries.values_list("key", "recipient__email")) == [
        ("overdue_summary:2026-W50", "coordinator@example.org"),
        ("overdue_summary:2026-W50", "second@example.org"),
        ("overdue_summary:2026-W51", "coordinator@example.org"),
        ("overdue_summary:2026-W51", "second@example.org"),
    ]
    notice = coordinator.notifications.filter(kind="overdue_summary").earliest("created")
    assert notice.data["counts"] == {
        "action_overdue": 2,
        "idea_waiting_long": 1,
        "consultation_unanswered": 0,
        "parked_item_due": 0,
        "minutes_unpublished": 0,
        "duty_overdue": 0,
        "initiative_stalled": 1,
        "follow_up_due": 1,
    }
    english = shown(notice, "en")
    assert english.text == "What is overdue or waiting in the collaboration on 7 December 2026:"
    assert english.url == "/en/dashboard/"
    assert [(link.text, link.url) for link in english.links] == [
        ("2 overdue actions", "/en/workshops/actions/"),
        ("1 idea waiting for moderation more than 2 days", "/en/ideas/moderation/"),
        ("1 initiative standing still at one step", "/en/initiatives/board/"),
        ("1 initiative with a follow-up report due", "/en/initiatives/?step=execution"),
    ]
    assert [link.text for link in shown(notice, "sv").links] == [
        "2 försenade åtgärder",
        "1 idé som har väntat på granskning i mer än 2 dagar",
        "1 satsning som har stått stilla i ett steg",
        "1 satsning med en uppföljning att lämna",
    ]
    assert not member.notifications.filter(kind="overdue_summary").exists()
    assert not treasurer.notifications.filter(kind="overdue_summary").exists()


def test_the_summary_is_mailed_at_once_with_a_link_for_each_count(site, organisation, coordinator):
    overdue_world(organisation, coordinator)

    # The coordinator's reminder of the idea waits for the daily digest; the summary does not.
    assert reminders_send(today=MONDAY) == 2
    assert reminders_send(today=MONDAY) == 0

    (mail,) = OutgoingMail.objects.all()
    assert mail.recipient == "coordinator@example.org"
    assert mail.subject == "Veckans sammanfattning av det som är försenat"
    assert f"- 2 försenade åtgärder: {settings.SITE_URL}/workshops/actions/\n" in mail.body_text
    assert f"{settings.SITE_URL}/initiatives/?step=execution" in mail.body_text


def test_nothing_overdue_makes_no_summary(site, organisation, coordinator):
    ActionFactory(workshop__minutes_state=MinutesState.PUBLISHED, owner=organisation, due=MONDAY)
    standing(S.PROPOSAL, TODAY - 100 * DAY, organisation)

    assert reminders_send(today=MONDAY) == 0


def world(size: int, organisation, coordinator):
    for _n in range(size):
        overdue_world(organisation, coordinator)
        reported(standing(S.EXECUTION, TODAY - 300 * DAY, organisation), TODAY - 100 * DAY)
        make_grant(coordinator).duties.create(description="Sen", due_on=TODAY - 5 * DAY)
        MembershipFactory(organisation=organisation)


# The initiatives, then the people of their lead organisations; for the summary, what each of
# the eight reminders it counts finds, then the coordinators. The site's settings, where the
# limits are, are read once and kept in the cache.
QUERIES = {"initiative_stalled": 2, "follow_up_due": 2, "overdue_summary": 9}


@pytest.mark.parametrize("size", [1, 4])
@pytest.mark.parametrize("kind", list(QUERIES))
def test_what_stands_still_is_read_in_the_same_queries_whatever_the_data(
    size, kind, site, organisation, member, coordinator, django_assert_num_queries
):
    world(size, organisation, coordinator)
    SiteSettings.current()

    with django_assert_num_queries(QUERIES[kind]):
        found = REMINDERS[kind](MONDAY)

    assert found


def test_the_coordinators_list_shows_the_summary_with_a_link_for_each_count(
    client, site, organisation, coordinator
):
    overdue_world(organisation, coordinator)
    reminders_send(today=MONDAY)
    client.force_login(coordinator)

    page = client.get(reverse("notifications:list")).content.decode()

    assert "Det här är försenat eller väntar i samverkan 7 december 2026:" in page
    assert '<a href="/workshops/actions/">2 försenade åtgärder</a>' in page
    assert '<a href="/initiatives/board/">1 satsning som har stått stilla i ett steg</a>' in page


def test_a_summary_in_a_digest_keeps_its_links(site, organisation, coordinator):
    preferences_save(user=coordinator, chosen={"overdue_summary": "weekly"})
    overdue_world(organisation, coordinator)
    with time_machine.travel(at(MONDAY), tick=False):
        reminders_send(today=MONDAY)
        assert not OutgoingMail.objects.exists()

        assert digests_send(frequency="weekly") == 1

    body = OutgoingMail.objects.get().body_text
    assert f"- 2 försenade åtgärder: {settings.SITE_URL}/workshops/actions/\n" in body
