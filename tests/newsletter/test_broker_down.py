"""With a broker a sign-up publishes nothing: the visitor sees the normal page at once, even with
Redis unreachable, and the confirmation mail goes out from the row with the next periodic run."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse

from cih.celery import app as celery_app
from newsletter import tasks
from newsletter.choices import DeliveryStatus, EditionStatus, SubscriberStatus
from newsletter.models import Delivery, Subscriber
from newsletter.services import deliveries, editions, subscribers
from tests.newsletter.factories import EditionFactory, SubscriberFactory
from tests.smtp_sink import free_port


@pytest.fixture
def broker_down():
    """The broker is a closed port on 127.0.0.1; tasks are really published, not run eagerly."""
    saved = celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/7"
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    yield
    celery_app.conf.task_always_eager = True
    celery_app.conf.broker_url = saved
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def broker_back():
    celery_app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_a_sign_up_is_kept_and_confirmed_later(client, smtp_sink, broker_down):
    started = time.monotonic()
    response = client.post(
        reverse("newsletter:signup"), {"email": "amina@example.org", "language": "sv"}, follow=True
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert "Check your inbox" in response.text or "Titta i din inkorg" in response.text
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.confirmation_due
    assert smtp_sink.messages == []

    broker_back()
    assert tasks.send_owed_confirmations() == 1
    assert [str(m["To"]) for m in smtp_sink.messages] == ["amina@example.org"]
    assert not Subscriber.objects.get().confirmation_due
    assert tasks.send_owed_confirmations() == 0  # owed once, sent once


@pytest.mark.django_db(transaction=True)
def test_owed_confirmations_go_out_oldest_first_over_one_connection(smtp_sink, broker_down):
    for number in range(3):
        subscribers.subscriber_sign_up(
            email=f"r{number}@example.org", name="", language="sv", interests=[], consent_text="ja"
        )
    assert smtp_sink.messages == []
    broker_back()
    assert subscribers.confirmations_send_owed(limit=2) == 2
    assert [str(m["To"]) for m in smtp_sink.messages] == ["r0@example.org", "r1@example.org"]
    assert subscribers.confirmations_send_owed() == 1
    assert Subscriber.objects.filter(confirmation_due=True).count() == 0


@pytest.mark.django_db(transaction=True)
def test_an_owed_confirmation_stays_owed_while_smtp_refuses(smtp_sink, broker_down):
    subscribers.subscriber_sign_up(
        email="amina@example.org", name="", language="sv", interests=[], consent_text="ja"
    )
    smtp_sink.reject_once["amina@example.org"] = "451 4.3.0 Try again later"
    assert subscribers.confirmations_send_owed() == 0
    assert Subscriber.objects.get().confirmation_due
    assert subscribers.confirmations_send_owed() == 1


@pytest.mark.django_db(transaction=True)
def test_an_edition_sent_while_the_broker_is_down_goes_out_later(
    coordinator, smtp_sink, broker_down
):
    SubscriberFactory.create_batch(3)
    edition = EditionFactory()
    assert editions.edition_send(edition=edition, actor=coordinator) == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.PENDING}

    broker_back()
    assert deliveries.newsletter_sweep(stuck_after=timedelta(0)) == {"requeued": 3}
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert len(smtp_sink.messages) == 3
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT
