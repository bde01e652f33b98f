"""Two workers running the same job at the same moment, on two PostgreSQL connections."""

import datetime
import threading
from contextlib import contextmanager
from functools import partial

import pytest
from django.db import connection, connections, transaction

from notifications.models import Digest, FanOutCursor, Notification
from notifications.services import digests_send, notifications_fan_out, reminders_send
from tests.workshops.factories import ActionFactory
from workshops.choices import MinutesState

from .conftest import moved

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def test_a_second_run_leaves_while_the_first_holds_the_cursor(initiative, member):
    assert connection.vendor == "postgresql", "the suite runs on PostgreSQL (see README)"
    FanOutCursor.objects.get_or_create(pk=1)
    holding, done = threading.Event(), threading.Event()

    def first_run():
        try:
            with transaction.atomic():
                FanOutCursor.objects.select_for_update().get(pk=1)
                holding.set()
                done.wait(timeout=30)
        finally:
            connections.close_all()

    first = threading.Thread(target=first_run)
    first.start()
    assert holding.wait(timeout=30)
    moved(initiative, "decision")  # its commit starts a run, which finds the cursor taken

    assert notifications_fan_out() == 0
    assert Notification.objects.count() == 0
    done.set()
    first.join(timeout=30)
    assert notifications_fan_out() == 1


@contextmanager
def first_run_held(job, hold_in: str, monkeypatch):
    """Run `job` in a thread of its own that stops inside `hold_in` (a name in the services
    module) for as long as the block runs; yield the list that then holds the job's result."""
    from notifications import services

    real, inside, go, result = getattr(services, hold_in), threading.Event(), threading.Event(), []
    first = threading.current_thread()

    def held(*args, **kwargs):
        if threading.current_thread() is not first:
            inside.set()
            go.wait(timeout=30)
        return real(*args, **kwargs)

    def target():
        try:
            result.append(job())
        finally:
            connections.close_all()

    monkeypatch.setattr(services, hold_in, held)
    thread = threading.Thread(target=target)
    thread.start()
    try:
        assert inside.wait(timeout=30)
        yield result
    finally:
        go.set()
        thread.join(timeout=30)


def test_a_second_run_of_the_reminders_leaves_them_to_the_first(organisation, member, monkeypatch):
    today = datetime.date(2026, 12, 2)
    ActionFactory(
        workshop__minutes_state=MinutesState.PUBLISHED,
        owner=organisation,
        due=today + datetime.timedelta(days=3),
    )
    job = partial(reminders_send, today=today)
    with first_run_held(job, "reminders_due", monkeypatch) as first:
        assert job() == 0  # the first holds the job: no race to the same reminders
    assert first == [1]
    assert job() == 0
    assert Notification.objects.get().recipient == member


def test_a_second_run_of_the_digests_leaves_them_to_the_first(initiative, member, monkeypatch):
    moved(initiative, "decision")
    notifications_fan_out()
    job = partial(digests_send, frequency="daily")
    with first_run_held(job, "digest_mail", monkeypatch) as first:
        assert job() == 0
        assert digests_send(frequency="weekly") == 0  # another job, not held by this one
    assert first == [1]
    assert job() == 0
    assert Digest.objects.get().user == member
