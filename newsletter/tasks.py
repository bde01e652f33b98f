"""Celery tasks: thin wrappers that load by id and call a service. All of them are idempotent."""

import random

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from .services import deliveries, editions, subscribers, telling

# Retries of a batch that wait in the broker; what still fails after them waits for the sweep.
QUICK_RETRIES = 2


def backoff() -> int:
    """10 to 15 s: a retry's wait is held in the broker, so the wait and the run that follows it
    must end inside the broker's visibility timeout (BROKER_VISIBILITY_TIMEOUT), or the message
    is handed out twice. Longer waits are the periodic sweep's."""
    return 10 + random.randint(0, 5)  # noqa: S311 - jitter, not security


@shared_task(acks_late=True)
def send_confirmation(subscriber_id: int) -> bool:
    return subscribers.confirmation_send(subscriber_id=subscriber_id)


@shared_task(bind=True, acks_late=True, max_retries=QUICK_RETRIES)
def deliver_batch(self, edition_id: int, delivery_ids: list[int]) -> int:
    """Send one batch. Transient SMTP failures come back here twice within half a minute; after
    that the sweep hands them out again STUCK_AFTER later, until a delivery has been tried
    MAX_ATTEMPTS times and counts as failed."""
    try:
        retry = deliveries.deliveries_send_batch(edition_id=edition_id, delivery_ids=delivery_ids)
    except SoftTimeLimitExceeded:
        # A slow mail server: the rest of the batch is tried again; what was sent is skipped.
        retry = delivery_ids
    retry = deliveries.deliveries_give_up(edition_id=edition_id, delivery_ids=retry)
    if retry and self.request.retries < QUICK_RETRIES:
        if self.request.is_eager:
            # Without a broker (make run, tests) Celery cannot retry an eager task that
            # propagates errors: try again in-process, at once.
            args = [edition_id, retry]
            return self.apply(args=args, retries=self.request.retries + 1, throw=True).get()
        raise self.retry(args=[edition_id, retry], countdown=backoff())
    return len(delivery_ids) - len(retry)


@shared_task  # a test copy sent twice harms no one; no need to hold the message
def send_test(edition_id: int, email: str) -> int:
    return editions.edition_test_copy_send(edition_id=edition_id, email=email)


@shared_task
def sweep() -> dict:
    """Run every minute by celery beat (CELERY_BEAT_SCHEDULE)."""
    return deliveries.newsletter_sweep()


# Beat runs it every few seconds; a run that outlives its schedule only delays the next one.
@shared_task(expires=settings.NEWSLETTER_CONFIRMATION_POLL_SECONDS)
def send_owed_confirmations() -> int:
    return subscribers.confirmations_send_owed()


@shared_task(expires=60)  # a run that outlives its minute only delays the next one
def tell_followers() -> int:
    return telling.followers_tell()
