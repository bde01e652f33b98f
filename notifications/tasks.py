"""Celery tasks of the notifications app: thin wrappers around the services. All idempotent."""

from celery import shared_task
from django.utils import timezone

from . import services
from .choices import Frequency


@shared_task
def fan_out() -> int:
    """Run every minute by celery beat (CELERY_BEAT_SCHEDULE), and after each event that may
    tell someone something."""
    return services.notifications_fan_out()


@shared_task
def daily_digests() -> int:
    """Run by celery beat each morning, Stockholm time (CELERY_BEAT_SCHEDULE)."""
    return services.digests_send(frequency=Frequency.DAILY)


@shared_task
def weekly_digests() -> int:
    """Run by celery beat on Monday mornings, Stockholm time (CELERY_BEAT_SCHEDULE)."""
    return services.digests_send(frequency=Frequency.WEEKLY)


@shared_task
def reminders() -> int:
    """Run by celery beat early each morning, Stockholm time (CELERY_BEAT_SCHEDULE), for
    Stockholm's date."""
    return services.reminders_send(today=timezone.localdate())
