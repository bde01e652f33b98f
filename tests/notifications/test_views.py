"""The list of a person's notifications, opening one, marking all read, and the header's count."""

import re

import pytest
from django.urls import reverse

from actors.models import SiteSettings
from notifications.kinds import KINDS
from notifications.models import Notification
from notifications.services import preferences_save

from .conftest import moved

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(initiative, member, fan_out):
    """The member told of their initiative's three moves."""
    for step in ("decision", "funding", "execution"):
        moved(initiative, step)
    fan_out()
    member.refresh_from_db()
    return list(member.notifications.order_by("pk"))


def test_it_lists_the_newest_first_with_the_unread_marked(client, member, told, initiative):
    Notification.objects.filter(pk=told[0].pk).update(read_at="2026-01-01T00:00Z")
    client.force_login(member)

    response = client.get(reverse("notifications:list"))

    html = response.content.decode()
    steps = [html.index(f"steget ”{step}”") for step in ("Genomförande", "Finansiering", "Beslut")]
    assert steps == sorted(steps)
    assert html.count("Oläst") == 2
    assert reverse("notifications:open", args=[told[0].pk]) in html
    assert "Läxhjälp" in html


def test_it_speaks_english_at_en(client, member, told):
    client.force_login(member)

    response = client.get("/en/notifications/")

    assert "“Läxhjälp” moved to the step “Execution”." in response.content.decode()


@pytest.mark.parametrize("extra", [0, 40])
def test_the_list_asks_the_same_queries_however_many(
    client, member, told, initiative, fan_out, extra, django_assert_num_queries
):
    for _ in range(extra):
        moved(initiative, "decision")
    fan_out()
    client.force_login(member)

    # session, user, the user's roles and organisations, the count for the pager, the page of
    # notices with their events, the steps of the process (the names of moves)
    with django_assert_num_queries(6):
        response = client.get(reverse("notifications:list"))
    assert response.status_code == 200


def test_opening_one_marks_it_read_and_leads_to_the_initiative(client, member, told, initiative):
    client.force_login(member)

    response = client.get(reverse("notifications:open", args=[told[0].pk]))

    assert response["Location"] == initiative.get_absolute_url()
    member.refresh_from_db()
    assert member.unread_notifications == 2
    assert Notification.objects.get(pk=told[0].pk).read_at is not None


def test_opening_one_again_counts_once(client, member, told):
    client.force_login(member)

    for _ in range(2):
        client.get(reverse("notifications:open", args=[told[0].pk]))

    member.refresh_from_db()
    assert member.unread_notifications == 2


@pytest.mark.parametrize("pk", [10**6, 2**63 + 1, 10**30])
def test_a_notice_that_is_not_there_is_404(client, member, pk):
    client.force_login(member)

    assert client.get(f"/notifications/{pk}/").status_code == 404


def test_another_persons_notice_is_404_and_stays_unread(client, outsider, told):
    client.force_login(outsider)

    assert client.get(reverse("notifications:open", args=[told[0].pk])).status_code == 404
    assert Notification.objects.get(pk=told[0].pk).read_at is None


def test_marking_all_read(client, member, told, outsider):
    client.force_login(member)

    response = client.post(reverse("notifications:read_all"), follow=True)

    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    member.refresh_from_db()
    assert member.unread_notifications == 0
    assert "Alla aviseringar är markerade som lästa." in response.content.decode()


def test_the_header_shows_the_unread_count(client, member, told):
    client.force_login(member)

    html = client.get(reverse("portal:dashboard")).content.decode()

    assert 'href="/notifications/">Aviseringar' in html
    assert "3 olästa" in html


def test_the_header_shows_no_count_when_all_is_read(client, coordinator):
    client.force_login(coordinator)

    html = client.get(reverse("portal:dashboard")).content.decode()

    assert "Aviseringar</a>" in html


def test_an_empty_list_says_so(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("notifications:list"))

    assert "Inget nytt för dig ännu." in response.content.decode()


@pytest.mark.parametrize("chosen", [0, len(KINDS)])
def test_the_settings_ask_the_same_queries_however_many_are_chosen(
    client, member, chosen, django_assert_num_queries
):
    preferences_save(user=member, chosen=dict.fromkeys(list(KINDS)[:chosen], "weekly"))
    client.force_login(member)
    SiteSettings.current()  # kept in the cache, as on every page after the first

    # session, user, the user's roles and organisations, the user's own choices
    with django_assert_num_queries(4):
        response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 200


def test_the_settings_show_each_kinds_default(client, member, django_assert_num_queries):
    client.force_login(member)
    SiteSettings.current()  # kept in the cache, as on every page after the first

    # session, user, the user's roles and organisations, the user's own choices
    with django_assert_num_queries(4):
        response = client.get(reverse("notifications:preferences"))

    html = response.content.decode()
    assert re.search(r'name="initiative_moved" value="daily"[^>]*checked', html)
    assert re.search(r'name="round_opened" value="at_once"[^>]*checked', html)


MEMBERS_KINDS = {
    "action_given", "initiative_moved", "round_opened", "action_due_soon", "action_overdue",
    "round_closing", "minutes_draft", "workshop_next_week", "initiative_stalled",
    "follow_up_due", "allocation_answered",
}  # fmt: skip


@pytest.mark.parametrize(
    ("person", "offered"),
    [
        ("member", MEMBERS_KINDS),
        (
            "coordinator",
            {
                "idea_waiting", "idea_waiting_long", "consultation_unanswered",
                "parked_item_due", "minutes_unpublished", "report_ready", "report_failed",
                "overdue_summary",
            },
        ),
        ("treasurer", {"duty_due_soon", "duty_overdue", "allocation_requested"}),
        ("evaluator", {"evaluation_reached", "report_ready", "report_failed"}),
    ],
)  # fmt: skip
def test_the_settings_offer_only_the_kinds_that_can_concern_the_person(
    client, request, person, offered
):
    client.force_login(request.getfixturevalue(person))

    form = client.get(reverse("notifications:preferences")).context["form"]

    assert set(form.fields) == {"language", *offered}


def test_saving_the_settings(client, member):
    client.force_login(member)
    chosen = dict.fromkeys(MEMBERS_KINDS, "off") | {"round_opened": "weekly"}

    response = client.post(
        reverse("notifications:preferences"), chosen | {"duty_overdue": "weekly"}, follow=True
    )

    assert "Dina val är sparade." in response.content.decode()
    # a kind that cannot concern a member is not theirs to set
    assert dict(member.notification_preferences.values_list("kind", "frequency")) == chosen


def test_a_setting_that_is_no_choice_is_refused(client, member):
    client.force_login(member)
    chosen = dict.fromkeys(KINDS, "hourly")

    response = client.post(reverse("notifications:preferences"), chosen)

    assert response.status_code == 200
    assert not member.notification_preferences.exists()


def test_the_admin_shows_notices_and_changes_none(client, admin_user, told):
    client.force_login(admin_user)

    listing = client.get(reverse("admin:notifications_notification_changelist"))
    notice = client.get(reverse("admin:notifications_notification_change", args=[told[0].pk]))

    assert listing.status_code == notice.status_code == 200
    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403
    deleting = reverse("admin:notifications_notification_delete", args=[told[0].pk])
    assert client.post(deleting, {"post": "yes"}).status_code == 403
