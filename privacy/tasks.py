"""Celery tasks of the data-rights app: thin wrappers around the services. All idempotent."""

from celery import shared_task

from . import services


@shared_task
def apply_retention() -> dict:
    """Run by celery beat each night, Stockholm time (CELERY_BEAT_SCHEDULE)."""
    return services.retention_apply()
