"""Two workers running the fan-out at the same moment, on two PostgreSQL connections."""

import threading

import pytest
from django.db import connection, connections, transaction

from notifications.models import FanOutCursor, Notification
from notifications.services import notifications_fan_out

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
