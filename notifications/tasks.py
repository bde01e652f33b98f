"""Celery tasks of the notifications app: thin wrappers around the services. All idempotent."""

from celery import shared_task

from . import services


@shared_task
def fan_out() -> int:
    """Run every minute by celery beat (CELERY_BEAT_SCHEDULE), and after each event that may
    tell someone something."""
    return services.notifications_fan_out()
