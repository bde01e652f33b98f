"""A job a Celery worker was running when it was killed is taken back by the worker that comes
back within the broker's visibility timeout, with no sweep; and no task holds its message longer
than that timeout, or it would be handed out twice."""

import random
import socket
import time
from unittest import mock

import pytest
import redis
from django.conf import settings

from cih.celery import app as celery_app
from newsletter import tasks
from newsletter.choices import DeliveryStatus
from newsletter.models import Delivery
from newsletter.services import editions
from tests.newsletter.factories import EditionFactory, SubscriberFactory
from tests.newsletter.worker import kill, start_worker, stop, wait_for
from tests.smtp_sink import SmtpSink

# How often kombu looks for messages whose visibility timeout has passed.
RESTORE_INTERVAL = settings.CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_interval"]
# Shorter than the real one, through the same setting, so the test waits seconds, not a minute.
TEST_VISIBILITY_TIMEOUT = 4
# Tasks that retry with a countdown, which they wait out holding the message.
RETRYING = {"newsletter.tasks.deliver_batch"}


def longest_countdown() -> int:
    with mock.patch.object(random, "randint", side_effect=lambda low, high: high):
        return tasks.backoff()


def portal_tasks():
    celery_app.loader.import_default_modules()
    return {
        name: task
        for name, task in celery_app.tasks.items()
        if name.split(".")[0] in settings.PORTAL_APPS
    }


def test_a_dead_workers_job_comes_back_within_a_minute():
    assert settings.BROKER_VISIBILITY_TIMEOUT + RESTORE_INTERVAL <= 60
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_throttle"] == 1


def test_no_task_holds_its_message_past_the_visibility_timeout():
    found = portal_tasks()
    assert "newsletter.tasks.deliver_batch" in found and "reports.tasks.render_report" in found
    for name, task in found.items():
        limit = task.time_limit or celery_app.conf.task_time_limit
        soft = task.soft_time_limit or celery_app.conf.task_soft_time_limit
        assert limit and soft < limit, f"{name} has no time limit"
        if task.acks_late:
            wait = longest_countdown() if name in RETRYING else 0
            held = wait + limit
            assert held < settings.BROKER_VISIBILITY_TIMEOUT, f"{name} may hold it {held} s"


class Tarpit:
    """A mail server that accepts the connection and never says a word: a send hangs in it."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"smtp://127.0.0.1:{self.socket.getsockname()[1]}"

    def wait_for_a_client(self, timeout: float) -> socket.socket:
        self.socket.settimeout(timeout)
        client, _address = self.socket.accept()
        return client

    def close(self):
        self.socket.close()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_job_in_flight_when_its_worker_is_killed_is_run_by_the_next_worker(
    private_broker, worker_args, coordinator, tmp_path, monkeypatch
):
    monkeypatch.setenv("BROKER_VISIBILITY_TIMEOUT", str(TEST_VISIBILITY_TIMEOUT))
    worker_args = {**worker_args, "concurrency": 1}
    SubscriberFactory(email="amina@example.org")
    tarpit, first, second = Tarpit(), None, None
    try:
        first = start_worker(**worker_args, email_url=tarpit.url)
        editions.edition_send(edition=EditionFactory(), actor=coordinator)
        hanging = tarpit.wait_for_a_client(timeout=60)  # the batch is sending, mid-job
        kill(first)
        hanging.close()
        broker = redis.Redis.from_url(private_broker.url)
        assert broker.hlen("unacked") == 1, "the killed worker's message is not waiting"
        assert Delivery.objects.get().status == DeliveryStatus.PENDING

        with SmtpSink() as sink:
            second = start_worker(**worker_args, email_url=sink.url)
            came_back = time.monotonic()
            # Its start-up, then the timeout counted from when the first worker took the job,
            # then one look for such jobs; no sweep runs here.
            within = 20 + TEST_VISIBILITY_TIMEOUT + RESTORE_INTERVAL
            sent = wait_for(
                lambda: Delivery.objects.get().status == DeliveryStatus.SENT, timeout=within
            )
            assert sent, (tmp_path / "worker.log").read_text()[-3000:]
            print(f"sent {time.monotonic() - came_back:.1f} s after the worker came back")
            assert sink.recipients == ["amina@example.org"]
            # The message is acknowledged once the task returns, a moment after its commit.
            assert wait_for(lambda: broker.hlen("unacked") == 0, timeout=10)
    finally:
        if first is not None:
            kill(first)
        if second is not None:
            stop(second)
        tarpit.close()
