"""Real Celery workers on Redis, sending to a real SMTP sink: a worker killed with SIGKILL in the
middle of an edition, and a new one that finishes it.

The worker reads the test database, so these tests commit their data (transactional_db).
"""

import os
import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse

from cih.celery import app as celery_app
from newsletter.choices import DeliveryStatus, EditionStatus, SubscriberStatus
from newsletter.models import Delivery, Edition, Subscriber, email_hash
from newsletter.services import deliveries, editions
from tests.newsletter.factories import EditionFactory
from tests.newsletter.worker import kill, start_worker, stop, wait_for

pytestmark = [
    pytest.mark.services,
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]

BROKER_URL = os.environ.get("NEWSLETTER_TEST_BROKER_URL") or os.environ.get(
    "CELERY_BROKER_URL", "redis://127.0.0.1:6379/7"
)
# What Celery's Redis transport keeps: the default queue and the unacknowledged messages.
KOMBU_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex")
CONCURRENCY = 2


@pytest.fixture
def real_broker():
    """Tasks are published to Redis (db 7) instead of running in the test process."""
    client = redis.Redis.from_url(BROKER_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {BROKER_URL}")
    client.delete(*KOMBU_KEYS)
    saved = celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = BROKER_URL
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    yield client
    celery_app.conf.task_always_eager = True
    celery_app.conf.broker_url = saved
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    client.delete(*KOMBU_KEYS)


@pytest.fixture
def database_url():
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def make_subscribers(count: int) -> list[str]:
    emails = [f"resident{number:05d}@example.org" for number in range(count)]
    Subscriber.objects.bulk_create(
        Subscriber(
            email=email,
            email_hash=email_hash(email),
            language="en" if number % 4 == 0 else "sv",
            status=SubscriberStatus.CONFIRMED,
        )
        for number, email in enumerate(emails)
    )
    return emails


def test_a_worker_killed_mid_send_loses_no_one(
    coordinator, smtp_sink, real_broker, database_url, tmp_path
):
    emails = make_subscribers(2000)
    edition = EditionFactory()
    worker_args = {
        "broker_url": BROKER_URL,
        "database_url": database_url,
        "email_url": smtp_sink.url,
        "log_path": tmp_path / "worker.log",
        "concurrency": CONCURRENCY,
    }
    first = start_worker(**worker_args)
    second = None
    try:
        assert editions.edition_send(edition=edition, actor=coordinator) == 2000
        assert wait_for(lambda: len(smtp_sink.recipients) >= 400, timeout=90), (
            tmp_path / "worker.log"
        ).read_text()[-3000:]
        kill(first)  # SIGKILL to the worker and its pool processes, mid-send
        received_at_kill = len(smtp_sink.recipients)
        assert received_at_kill < 2000, "the edition finished before the kill"
        assert Delivery.objects.filter(status=DeliveryStatus.PENDING).exists()

        second = start_worker(**worker_args)

        def finished() -> bool:
            # What celery beat does every minute (for deliveries ten minutes old), here every
            # second for deliveries a few seconds old: the killed worker's tasks stay unacked
            # in Redis, so only the sweep hands its deliveries out again.
            deliveries.newsletter_sweep(stuck_after=timedelta(seconds=3))
            return Edition.objects.get(pk=edition.pk).status == EditionStatus.SENT

        assert wait_for(finished, timeout=120, interval=1), (tmp_path / "worker.log").read_text()[
            -3000:
        ]
    finally:
        kill(first)
        if second is not None:
            stop(second)

    counts = smtp_sink.counts()
    missed = [email for email in emails if counts[email] == 0]
    duplicates = sum(count - 1 for count in counts.values() if count > 1)
    print(f"received at kill {received_at_kill}, in all {sum(counts.values())}, dup {duplicates}")
    assert missed == []
    assert duplicates <= CONCURRENCY
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_sign_up_is_confirmed_by_the_worker_within_seconds(
    client, smtp_sink, real_broker, database_url, tmp_path
):
    """The production path: the request publishes nothing; beat's run every few seconds sends."""
    worker = start_worker(
        broker_url=BROKER_URL,
        database_url=database_url,
        email_url=smtp_sink.url,
        log_path=tmp_path / "worker.log",
        beat=True,
    )
    try:
        response = client.post(
            reverse("newsletter:signup"), {"email": "amina@example.org", "language": "sv"}
        )
        assert response.status_code == 302
        assert real_broker.llen("celery") == 0  # nothing was published by the request
        assert wait_for(lambda: smtp_sink.recipients, timeout=30), (
            tmp_path / "worker.log"
        ).read_text()[-3000:]
        assert wait_for(lambda: not Subscriber.objects.get().confirmation_due, timeout=10)
        time.sleep(2 * settings.NEWSLETTER_CONFIRMATION_POLL_SECONDS)  # later runs send nothing
    finally:
        stop(worker)
    assert smtp_sink.recipients == ["amina@example.org"]
