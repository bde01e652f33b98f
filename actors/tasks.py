"""Celery tasks of the ground floor: thin wrappers that call a service. All are idempotent."""

from celery import shared_task

from . import mail


@shared_task(acks_late=True)
def deliver_mails(mail_ids: list[int]) -> int:
    return mail.mails_deliver(mail_ids=mail_ids)


@shared_task
def sweep_mail() -> dict:
    """Run every minute by celery beat (CELERY_BEAT_SCHEDULE)."""
    return mail.mail_sweep()
