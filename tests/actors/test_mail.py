"""Every mail of the portal leaves one way: queued after commit, with one sender and one set of
headers, and links to the public address. A mail server that is down never fails the action."""

import re
from datetime import timedelta

import pytest
from django.core import mail as outbox
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from actors import mail
from actors.choices import MailStatus
from actors.models import OutgoingMail
from focusgroups.choices import IdeaStatus
from focusgroups.models import Idea
from newsletter import tasks as newsletter_tasks
from tests.factories import UserFactory
from tests.focusgroups.factories import IdeaFactory
from tests.smtp_sink import SmtpSink, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_address(settings):
    settings.SITE_URL = "https://portal.example.org"
    settings.DEFAULT_FROM_EMAIL = "Someone Else <info@example.org>"


def test_a_mail_leaves_only_once_its_transaction_commits(site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail.mail_queue(to="amina@example.org", language="sv", subject="Hej", text="Text")
        assert outbox.outbox == []
    assert [message.to for message in outbox.outbox] == [["amina@example.org"]]
    assert OutgoingMail.objects.get().status == MailStatus.SENT


def test_mails_of_a_past_entered_after_the_fact_are_recorded_as_sent_and_never_leave(
    site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with mail.mail_sent_long_ago(), transaction.atomic():
            mail.mail_queue(to="amina@example.org", language="sv", subject="Hej", text="Text")
        mail.mail_queue(to="bo@example.org", language="sv", subject="Hej", text="Text")
    assert len(callbacks) == 1
    assert [message.to for message in outbox.outbox] == [["bo@example.org"]]
    kept = OutgoingMail.objects.get(recipient="amina@example.org")
    assert kept.status == MailStatus.SENT and kept.sent_at is not None
    assert mail.mail_sweep()["due"] == 0


def test_a_rolled_back_action_owes_no_mail(site, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail.mail_queue(to="amina@example.org", language="sv", subject="Hej", text="Text")
        raise RuntimeError
    assert not callbacks and not outbox.outbox and not OutgoingMail.objects.exists()


def test_many_mails_are_saved_at_once_and_leave_in_batches_over_one_connection_each(
    site, monkeypatch, django_capture_on_commit_callbacks, django_assert_num_queries
):
    monkeypatch.setattr(mail, "SWEEP_BATCH", 2)
    opened = []
    real = mail.get_connection
    monkeypatch.setattr(mail, "get_connection", lambda: opened.append(1) or real())
    owed = [
        mail.mail_owed(to=f"p{n}@example.org", language="sv", subject="Hej", text="Text")
        for n in range(5)
    ]
    with (
        django_capture_on_commit_callbacks(execute=True),
        mail.mail_batch(),
        transaction.atomic(),
        django_assert_num_queries(1),  # one INSERT of every row
    ):
        mail.mails_queue(owed)
    assert sorted(m.to[0] for m in outbox.outbox) == [f"p{n}@example.org" for n in range(5)]
    assert len(opened) == 3  # batches of 2, 2 and 1
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


def test_every_mail_has_the_same_sender_headers_and_both_parts(
    site, public_address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail.mail_send_template(
            "idea-confirm",
            to="amina@example.org",
            language="en",
            context={"url": "https://portal.example.org/x", "days": 3},
        )
    message = outbox.outbox[0]
    assert message.from_email == "Collective Impact Husby <info@example.org>"
    assert message.reply_to == ["kontakt@cih.example.org"]
    assert message.extra_headers["Message-ID"].endswith("@portal.example.org>")
    assert message.extra_headers["Content-Language"] == "en"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    html = message.alternatives[0][0]
    assert '<a href="https://portal.example.org/x"' in html
    assert '<html lang="en" dir="ltr">' in html and "Collective Impact Husby" in html


def test_the_idea_confirmation_links_to_the_public_address_and_quotes_nothing_of_the_visitor(
    client, site, public_address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("focusgroups:idea_submit"),
            {"title": "Buy cheap pills at evil.example", "text": "x", "email": "a@example.org"},
        )
    body = outbox.outbox[0].body + outbox.outbox[0].alternatives[0][0]
    assert "https://portal.example.org/ideas/confirm/" in body
    assert "testserver" not in body
    assert "evil.example" not in body and "cheap pills" not in outbox.outbox[0].subject


def test_a_refused_recipient_is_given_up_and_a_busy_server_tried_again_later(site, settings):
    with SmtpSink() as sink:
        sink.use_in(settings)
        sink.reject["gone@example.org"] = "550 No such user"
        sink.reject_once["busy@example.org"] = "451 Try again later"
        gone = mail.mail_queue(to="gone@example.org", language="sv", subject="S", text="T")
        busy = mail.mail_queue(to="busy@example.org", language="sv", subject="S", text="T")
        assert mail.mail_deliver(mail_id=gone.pk) == mail.Outcome.GIVEN_UP
        assert mail.mail_deliver(mail_id=busy.pk) == mail.Outcome.LATER
        busy.refresh_from_db()
        assert busy.status == MailStatus.PENDING and busy.next_attempt_at > timezone.now()
        assert mail.mail_sweep()["sent"] == 0  # not due yet
        OutgoingMail.objects.filter(pk=busy.pk).update(next_attempt_at=timezone.now())
        assert mail.mail_sweep()["sent"] == 1
        assert mail.mail_deliver(mail_id=busy.pk) == mail.Outcome.SKIPPED  # sent once only
    assert sink.counts() == {"busy@example.org": 1}
    assert OutgoingMail.objects.get(pk=gone.pk).status == MailStatus.FAILED


def test_a_slow_mail_server_ends_a_run_in_time_and_the_sweep_sends_the_rest(
    site, smtp_sink, monkeypatch
):
    owed = [
        mail.mail_queue(to=f"r{n}@example.org", language="sv", subject="S", text="T").pk
        for n in range(3)
    ]
    monkeypatch.setattr(mail, "SEND_FOR", 0)  # every send takes longer than the run may

    assert mail.mail_deliver_many(mail_ids=owed) == 1
    assert mail.mail_sweep()["sent"] == 1
    assert mail.mail_sweep()["sent"] == 1

    assert smtp_sink.counts() == {"r0@example.org": 1, "r1@example.org": 1, "r2@example.org": 1}
    assert smtp_sink.connections() == 3


def test_mails_sent_long_ago_are_forgotten(site):
    old = mail.mail_queue(to="a@example.org", language="sv", subject="S", text="T")
    OutgoingMail.objects.filter(pk=old.pk).update(
        status=MailStatus.SENT, sent_at=timezone.now() - timedelta(days=31)
    )
    assert mail.mail_sweep()["forgotten"] == 1
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_the_mail_server_down_every_form_answers_and_each_mail_arrives_once_it_is_back(
    client, site, public_address, settings, coordinator
):
    """The resident's idea, an account, a password reset, a newsletter sign-up and a
    coordinator's reply to an idea, all while nothing listens on the mail server's port."""
    port = free_port()
    down = SmtpSink(port=port)
    down.use_in(settings)
    UserFactory(email="forgetful@example.org")
    idea = IdeaFactory(status=IdeaStatus.AWAITING, email="sender@example.org")

    answers = [
        client.post(
            reverse("focusgroups:idea_submit"),
            {"title": "Utegym", "text": "Vid skolan", "email": "resident@example.org"},
        ),
        client.post(
            reverse("account_signup"),
            {
                "email": "newcomer@example.org",
                "password1": "a-long-secret-9",
                "password2": "a-long-secret-9",
            },
        ),
        client.post(reverse("account_reset_password"), {"email": "forgetful@example.org"}),
        client.post(
            reverse("newsletter:signup"), {"email": "reader@example.org", "language": "sv"}
        ),
    ]
    client.force_login(coordinator)
    answers.append(
        client.post(
            reverse("prioritization:idea_moderate", args=[idea.pk]),
            {"outcome": "decline", "reply": "Det finns redan.", "title_sv": idea.title},
        )
    )
    assert [answer.status_code for answer in answers] == [302] * 5
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.DECLINED
    assert OutgoingMail.objects.filter(status=MailStatus.PENDING).count() == 4

    with SmtpSink(port=port) as sink:
        # A minute later, the periodic jobs run.
        OutgoingMail.objects.update(next_attempt_at=timezone.now())
        mail.mail_sweep()
        newsletter_tasks.send_owed_confirmations()
        mail.mail_sweep()
        newsletter_tasks.send_owed_confirmations()
    assert sink.counts() == {
        "resident@example.org": 1,
        "newcomer@example.org": 1,
        "forgetful@example.org": 1,
        "reader@example.org": 1,
        "sender@example.org": 1,
    }
    for message in sink.messages:
        assert message["Message-ID"].endswith("@portal.example.org>")
        assert str(message["From"]) == "Collective Impact Husby <info@example.org>"
        text = message.get_body(("plain",)).get_content()
        links = re.findall(r"https?://[^\s>]+", text)
        assert all(link.startswith("https://portal.example.org/") for link in links), links
        assert "testserver" not in text


def test_mails_a_task_died_holding_are_taken_back_by_it_or_given_back_by_the_sweep_and_sent_once(
    site, settings
):
    with SmtpSink() as sink:
        sink.use_in(settings)
        ids = [
            mail.mail_queue(to=f"p{n}@example.org", language="sv", subject="S", text="T").pk
            for n in range(3)
        ]
        mail._claim(ids, "task-1")  # and then its worker died
        assert mail.mail_deliver_many(mail_ids=ids, task_id="task-2") == 0  # not theirs
        assert mail.mail_sweep()["sent"] == 0  # the lease still runs
        # The broker hands the dead worker's task out again: it sends what it had claimed.
        assert mail.mail_deliver_many(mail_ids=ids[:1], task_id="task-1") == 1
        OutgoingMail.objects.filter(status=MailStatus.SENDING).update(
            lease_until=timezone.now() - timedelta(seconds=1)
        )
        assert mail.mail_sweep()["sent"] == 2
        assert mail.mail_sweep()["sent"] == 0
        assert mail.mail_deliver_many(mail_ids=ids, task_id="task-1") == 0
    assert sink.counts() == {f"p{n}@example.org": 1 for n in range(3)}
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


@pytest.mark.parametrize("count", [2, 6])
def test_a_batch_costs_its_claim_and_one_statement_a_mail(
    site, settings, count, django_assert_num_queries
):
    ids = [
        mail.mail_queue(to=f"p{n}@example.org", language="sv", subject="S", text="T").pk
        for n in range(count)
    ]
    mail.sender("sv")  # the site's settings are cached, as in a worker after its first mail
    with SmtpSink() as sink:
        sink.use_in(settings)
        # The claim (its savepoint, the rows locked, their status set, the savepoint released),
        # on PostgreSQL commits that do not wait for the disk set and reset, and one UPDATE a
        # mail sent.
        unsynced = 2 if connection.vendor == "postgresql" else 0
        with django_assert_num_queries(4 + unsynced + count):
            assert mail.mail_deliver_many(mail_ids=ids) == count
