"""Notices by mail: at once or in digests as each person chose, with one-click unsubscribe,
each notice mailed once, and none lost while the mail server is down."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actors import mail
from actors.choices import MailStatus
from actors.models import OutgoingMail
from notifications.models import Delivery, Digest, Notification, Preference
from notifications.services import digests_send, notifications_fan_out, preferences_save
from prioritization.services import round_open
from tests.factories import MembershipFactory
from tests.prioritization.factories import NeedFactory
from tests.smtp_sink import SmtpSink, free_port

from .conftest import moved

pytestmark = pytest.mark.django_db


def open_round(coordinator):
    round_open(title_sv="Vårens runda", needs=[NeedFactory()], actor=coordinator)


def test_a_kind_wanted_at_once_is_mailed_at_once_with_one_click_unsubscribe(
    site, member, coordinator, smtp_sink, django_capture_on_commit_callbacks
):
    open_round(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        notifications_fan_out()

    (message,) = smtp_sink.to("member@example.org")
    assert message["Subject"] == "En prioriteringsrunda har öppnats"
    body = message.get_body(("plain",)).get_content()
    assert "Prioriteringsrundan ”Vårens runda” är öppen för poängsättning." in body
    notice = member.notifications.get()
    assert f"/notifications/{notice.pk}/" in body
    unsubscribe = str(message["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe.startswith("http") and "/notifications/unsubscribe/" in unsubscribe
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Delivery.objects.get().notification == notice


def test_one_click_unsubscribe_turns_that_kind_off_without_logging_in(
    client, site, member, coordinator
):
    open_round(coordinator)
    notifications_fan_out()
    url = OutgoingMail.objects.get().headers["List-Unsubscribe"].strip("<>")
    path = url[url.index("/notifications/") :]

    response = client.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert Preference.objects.get(user=member).frequency == "off"
    assert "Du får inga fler e-postmeddelanden om" in response.content.decode()
    # Replayed: the same answer, nothing more changed.
    assert client.post(path).status_code == 200
    assert Preference.objects.count() == 1


def test_the_unsubscribe_link_asks_before_it_changes_anything(client, site, member, coordinator):
    open_round(coordinator)
    notifications_fan_out()
    url = OutgoingMail.objects.get().headers["List-Unsubscribe"].strip("<>")
    path = url[url.index("/notifications/") :]

    response = client.get(path)

    assert response.status_code == 200
    assert "Sluta få de här e-postmeddelandena" in response.content.decode()
    assert not Preference.objects.exists()


@pytest.mark.parametrize("token", ["nonsense", "x" * 300, "eyJ1IjoxfQ:1abc:def"])
def test_a_tampered_unsubscribe_link_says_so_and_changes_nothing(client, member, token):
    for method in (client.get, client.post):
        response = method(reverse("notifications:unsubscribe", args=[token]))
        assert response.status_code == 400
        assert "Länken fungerar inte" in response.content.decode()
    assert not Preference.objects.exists()


def test_an_unsubscribe_link_for_a_changed_address_no_longer_works(
    client, site, member, coordinator
):
    open_round(coordinator)
    notifications_fan_out()
    url = OutgoingMail.objects.get().headers["List-Unsubscribe"].strip("<>")
    member.email = "new@example.org"
    member.save()

    assert client.post(url[url.index("/notifications/") :]).status_code == 400


def test_a_kind_turned_off_is_not_mailed_but_still_listed(site, member, coordinator):
    preferences_save(user=member, chosen={"round_opened": "off"})
    open_round(coordinator)

    notifications_fan_out()

    assert member.notifications.count() == 1
    assert not OutgoingMail.objects.exists()
    assert digests_send(frequency="daily") == 0


def test_a_daily_digest_gathers_a_persons_notices_in_one_mail_once_a_day(
    site, member, initiative, organisation, smtp_sink, django_capture_on_commit_callbacks
):
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=organisation, user__email="colleague@example.org")
    for step in ("decision", "funding"):
        moved(initiative, step)  # moves are mailed in the daily digest by default
    notifications_fan_out()
    assert not OutgoingMail.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(frequency="daily") == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(frequency="daily") == 0  # run again the same day

    assert smtp_sink.counts() == {"member@example.org": 1, "colleague@example.org": 1}
    (message,) = smtp_sink.to("member@example.org")
    body = message.get_body(("plain",)).get_content()
    assert "steget ”Beslut”" in body and "steget ”Finansiering”" in body
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Delivery.objects.filter(digest__isnull=False).count() == 4
    assert Digest.objects.get(user=member).key == f"daily:{timezone.localdate().isoformat()}"


def test_a_notice_is_in_one_digest_only(site, member, initiative, monkeypatch):
    moved(initiative, "decision")
    notifications_fan_out()
    assert digests_send(frequency="daily") == 1
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)

    assert digests_send(frequency="daily") == 0


def test_the_weekly_digest_takes_the_kinds_chosen_weekly(site, member, initiative):
    preferences_save(user=member, chosen={"initiative_moved": "weekly"})
    moved(initiative, "decision")
    notifications_fan_out()

    assert digests_send(frequency="daily") == 0
    assert digests_send(frequency="weekly") == 1
    year, week, _ = timezone.localdate().isocalendar()
    assert Digest.objects.get().key == f"weekly:{year}-W{week:02d}"


def test_digests_are_dated_in_stockholm(site, member, initiative, monkeypatch):
    moved(initiative, "decision")
    notifications_fan_out()
    # Late tonight in UTC is already tomorrow in Stockholm; after the notice, whatever the hour
    # the test runs at.
    now = datetime.datetime.now(datetime.UTC)
    late = datetime.datetime.combine(now.date(), datetime.time(23, 30), tzinfo=datetime.UTC)
    if late <= now:
        late += datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: late)

    digests_send(frequency="daily")

    assert Digest.objects.get().key == f"daily:{late.date() + datetime.timedelta(days=1)}"


def test_with_the_mail_server_down_a_notice_waits_and_arrives_once(
    site, member, coordinator, settings, django_capture_on_commit_callbacks
):
    port = free_port()
    SmtpSink(port=port).use_in(settings)  # nothing listens on the port yet
    open_round(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        notifications_fan_out()
    assert OutgoingMail.objects.get().status == MailStatus.PENDING

    with SmtpSink(port=port) as sink:
        OutgoingMail.objects.update(next_attempt_at=timezone.now())
        mail.mail_sweep()
        notifications_fan_out()
        mail.mail_sweep()

    assert sink.counts() == {"member@example.org": 1}
    assert Notification.objects.count() == Delivery.objects.count() == 1


def digests_owed(organisation, initiative, count: int) -> list[str]:
    emails = [f"person{n}@example.org" for n in range(count)]
    for email in emails:
        MembershipFactory(organisation=organisation, user__email=email)
    moved(initiative, "decision")
    notifications_fan_out()
    return emails


def test_the_digests_leave_together_over_one_connection(
    site, organisation, initiative, smtp_sink, django_capture_on_commit_callbacks, monkeypatch
):
    emails = digests_owed(organisation, initiative, 6)
    handed, real = [], mail._hand_over
    monkeypatch.setattr(mail, "_hand_over", lambda ids: handed.append(list(ids)) or real(ids))

    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(frequency="daily") == 6

    assert [len(ids) for ids in handed] == [6]  # one task for the batch, not one per mail
    assert smtp_sink.counts() == dict.fromkeys(emails, 1)
    assert smtp_sink.connections() == 1
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


def test_digests_whose_task_dies_half_way_are_sent_once_by_the_sweep(
    site, organisation, initiative, smtp_sink, django_capture_on_commit_callbacks, monkeypatch
):
    emails = digests_owed(organisation, initiative, 5)
    real, tried = mail._send, []

    def dies_at_the_third(outgoing, *args):
        tried.append(outgoing.pk)
        if len(tried) == 3:
            raise RuntimeError("worker killed")
        return real(outgoing, *args)

    monkeypatch.setattr(mail, "_send", dies_at_the_third)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send(frequency="daily") == 5
    assert len(smtp_sink.recipients) == 2
    monkeypatch.setattr(mail, "_send", real)

    assert mail.mail_sweep()["sent"] == 3

    assert smtp_sink.counts() == dict.fromkeys(emails, 1)
