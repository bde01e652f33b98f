"""Notices and their mails with real Celery workers on Redis and a real mail server: a worker
killed in the middle of the fan-out and another in the middle of the mails, Redis stopped while
people act and the mail server down. In the end each person has each notice once and its mail
once, and no action of theirs meanwhile failed.

The workers read the test database, so these tests commit their data (transactional_db).
"""

import datetime
import time
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from actors.choices import MailStatus
from actors.models import Membership, OutgoingMail, User
from actors.queueing import enqueue
from actors.tasks import sweep_mail
from notifications.models import Notification
from notifications.tasks import fan_out
from prioritization.services import round_open
from tests.factories import OrganisationFactory
from tests.newsletter.worker import kill, start_worker, stop, wait_for
from tests.prioritization.factories import NeedFactory
from tests.smtp_sink import SmtpSink, free_port
from tests.workshops.factories import PlannedWorkshopFactory, days_from_now
from tests.workshops.test_views import log_data

pytestmark = [
    pytest.mark.services,
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]

# Short, so that a killed worker's job comes back within seconds (see test_worker_redelivery).
VISIBILITY_TIMEOUT = 8
# A mail still owed: waiting, or claimed by a task that may have died with it.
UNSENT = [MailStatus.PENDING, MailStatus.SENDING]


def people(count: int, organisation) -> list[str]:
    emails = [f"person{n:04d}@example.org" for n in range(count)]
    users = User.objects.bulk_create(User(email=email) for email in emails)
    Membership.objects.bulk_create(Membership(user=u, organisation=organisation) for u in users)
    return emails


def fan_out_running() -> bool:
    """Whether another connection holds the fan-out's cursor, as a run does in its transaction;
    asked without taking the row, which would send the run away."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks JOIN pg_class ON pg_class.oid = pg_locks.relation"
            " WHERE pg_class.relname = 'notifications_fanoutcursor'"
            " AND pg_locks.mode = 'RowShareLock' AND pg_locks.pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def told_once_each(sink, emails: list[str], per_person: int = 1) -> None:
    """Each person has `per_person` notices and as many mails arrived, and no mail came twice."""
    counts = sink.counts()
    assert {email: counts[email] for email in emails} == dict.fromkeys(emails, per_person)
    message_ids = [message["Message-ID"] for message in sink.messages]
    assert len(set(message_ids)) == len(message_ids)
    by_person = Counter(Notification.objects.values_list("recipient__email", flat=True))
    assert by_person == dict.fromkeys(emails, per_person)
    assert not OutgoingMail.objects.exclude(status=MailStatus.SENT).exists()


def test_workers_killed_mid_fan_out_and_mid_mail_leave_each_person_one_notice_and_one_mail(
    worker_args, coordinator, monkeypatch
):
    monkeypatch.setenv("BROKER_VISIBILITY_TIMEOUT", str(VISIBILITY_TIMEOUT))
    emails = people(400, OrganisationFactory())
    log = worker_args["log_path"]
    workers = []
    with SmtpSink() as sink:
        sink.handler.hold_after = 100

        def start():
            workers.append(start_worker(**worker_args, email_url=sink.url))

        try:
            start()
            round_open(title_sv="Våren", needs=[NeedFactory()], actor=coordinator)
            assert wait_for(fan_out_running, timeout=60, interval=0.02), log.read_text()[-3000:]
            kill(workers[-1])  # in the fan-out's transaction: all of it is undone
            assert Notification.objects.count() == 0

            start()  # takes the killed job back once its visibility timeout has passed
            assert wait_for(lambda: sink.waiting, timeout=90), log.read_text()[-3000:]
            kill(workers[-1])  # a mail on the wire, the server yet to answer
            assert wait_for(lambda: sink.waiting == 0, timeout=10)  # the server saw it go
            assert Notification.objects.count() == 400
            assert len(sink.recipients) == 100
            sink.handler.hold_after = None

            start()
            assert wait_for(
                lambda: not OutgoingMail.objects.filter(status__in=UNSENT).exists(),
                timeout=120,
            ), log.read_text()[-3000:]
            time.sleep(1)  # nothing more arrives
        finally:
            for worker in workers:
                stop(worker)
    told_once_each(sink, emails)
    assert OutgoingMail.objects.filter(attempts__gt=0).count() == 0


def test_with_redis_stopped_and_the_mail_server_down_actions_succeed_and_all_is_told_once(
    worker_args, private_redis, client, coordinator, monkeypatch
):
    monkeypatch.setenv("BROKER_VISIBILITY_TIMEOUT", str(VISIBILITY_TIMEOUT))
    organisation = OrganisationFactory()
    emails = people(20, organisation)
    client.force_login(coordinator)
    smtp_port = free_port()  # nothing listens there yet: the mail server is down
    worker = start_worker(**worker_args, email_url=f"smtp://127.0.0.1:{smtp_port}")

    def log_a_workshop():
        workshop = PlannedWorkshopFactory(starts_at=days_from_now(-3))
        due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
        action = {"text_sv": "Boka hallen", "owner": organisation.pk, "responsible": "Ali"}
        data = log_data(workshop, [organisation], actions=[{**action, "due": due}])
        started = time.monotonic()
        response = client.post(reverse("workshops:log", args=[workshop.pk]), data)
        assert response.status_code == 302
        assert time.monotonic() - started < 5

    try:
        log_a_workshop()
        private_redis.stop()  # with the fan-out queued or running, and its mails owed
        log_a_workshop()
        private_redis.start()  # empty: whatever was queued is gone
        log_a_workshop()  # its fan-out tells of all three, from the stream

        def all_told() -> bool:
            enqueue(fan_out, [()])  # as beat does every minute, should a run have been lost
            return Notification.objects.count() == 60

        assert wait_for(all_told, timeout=90, interval=3), worker_args["log_path"].read_text()[
            -3000:
        ]
        assert not OutgoingMail.objects.filter(status=MailStatus.SENT).exists()

        with SmtpSink(port=smtp_port) as sink:

            def all_sent() -> bool:
                OutgoingMail.objects.update(next_attempt_at=timezone.now())  # time passes
                enqueue(sweep_mail, [()])  # as beat does every minute
                return not OutgoingMail.objects.filter(status__in=UNSENT).exists()

            assert wait_for(all_sent, timeout=120, interval=3), worker_args["log_path"].read_text()[
                -3000:
            ]
            time.sleep(1)
    finally:
        stop(worker)
    told_once_each(sink, emails, per_person=3)
