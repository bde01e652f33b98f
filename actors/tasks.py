"""Celery tasks of the ground floor: thin wrappers that call a service. All are idempotent."""

from celery import shared_task

from . import mail


@shared_task(bind=True, acks_late=True)
def deliver_mail(self, mail_id: int) -> str:
    return mail.mail_deliver(mail_id=mail_id, task_id=self.request.id or "")


@shared_task(bind=True, acks_late=True)
def deliver_mails(self, mail_ids: list[int]) -> int:
    """A batch job's mails over one connection (`mail.mail_batch`)."""
    return mail.mail_deliver_many(mail_ids=mail_ids, task_id=self.request.id or "")


@shared_task
def sweep_mail() -> dict:
    """Run every minute by celery beat (CELERY_BEAT_SCHEDULE)."""
    return mail.mail_sweep()
