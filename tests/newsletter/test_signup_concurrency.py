"""Two sign-ups of one new address at the same moment, on two PostgreSQL connections: the second
INSERT meets the unique hash and falls back to the locked path, so there is one subscriber and
no error for either visitor."""

import threading

import pytest
from django.db import connection, connections

from cih.celery import app as celery_app
from newsletter.choices import SubscriberStatus
from newsletter.models import Subscriber
from newsletter.services import subscribers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def test_one_new_address_signed_up_twice_at_once_is_one_subscriber(mailoutbox):
    assert connection.vendor == "postgresql", "the suite runs on PostgreSQL (see README)"
    barrier = threading.Barrier(2)
    errors = []

    def sign_up(name):
        try:
            barrier.wait()
            subscribers.subscriber_sign_up(
                email="Amina@Example.org", name=name, language="sv", interests=[], consent_text="ja"
            )
        except Exception as error:  # any error at all fails the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.confirmations_that_day == 2
    # The second mail is owed too, but may find the first one already sent.
    assert 1 <= len(mailoutbox) <= 2


@pytest.fixture
def with_a_worker():
    """As in production: tasks are left to a worker instead of running in the test process."""
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


def test_a_new_address_with_a_worker_is_one_insert_and_nothing_else(
    with_a_worker, django_assert_num_queries
):
    """What the public sign-up costs the database under load: no transaction, no lock."""
    with django_assert_num_queries(1):
        subscribers.subscriber_sign_up(
            email="amina@example.org", name="", language="sv", interests=[], consent_text="ja"
        )
    assert Subscriber.objects.get().confirmation_due
