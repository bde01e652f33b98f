"""Celery tasks: thin wrappers that load by id and call a service. All of them are idempotent."""

import random

from celery import shared_task
from django.conf import settings

from . import services

MAX_RETRIES = 5


def backoff(retries: int) -> int:
    """30 s, 1 min, 2 min, 4 min, 8 min (capped at 15), with jitter so retries do not bunch up."""
    return min(30 * 2**retries, 900) + random.randint(0, 10)  # noqa: S311 - not security


@shared_task(acks_late=True)
def send_confirmation(subscriber_id: int) -> bool:
    return services.confirmation_send(subscriber_id=subscriber_id)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def deliver_batch(self, edition_id: int, delivery_ids: list[int]) -> int:
    """Send one batch; transient SMTP failures come back here with backoff, then count as failed."""
    retry = services.deliveries_send_batch(edition_id=edition_id, delivery_ids=delivery_ids)
    if retry:
        if self.request.retries >= self.max_retries:
            services.deliveries_give_up(edition_id=edition_id, delivery_ids=retry)
        elif self.request.is_eager:
            # Without a broker (make run, tests) Celery cannot retry an eager task that
            # propagates errors: try again in-process, at once.
            args = [edition_id, retry]
            return self.apply(args=args, retries=self.request.retries + 1, throw=True).get()
        else:
            raise self.retry(args=[edition_id, retry], countdown=backoff(self.request.retries))
    return len(delivery_ids) - len(retry)


@shared_task  # a test copy sent twice harms no one; no need to hold the message
def send_test(edition_id: int, email: str) -> int:
    return services.edition_test_send(edition_id=edition_id, email=email)


@shared_task
def sweep() -> dict:
    """Run every minute by celery beat (CELERY_BEAT_SCHEDULE)."""
    return services.newsletter_sweep()


# Beat runs it every few seconds; a run that outlives its schedule only delays the next one.
@shared_task(expires=settings.NEWSLETTER_CONFIRMATION_POLL_SECONDS)
def send_owed_confirmations() -> int:
    return services.confirmations_send_owed()
