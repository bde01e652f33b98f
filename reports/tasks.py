"""Celery tasks of the reports app: thin wrappers that load by id and call a service."""

from celery import shared_task

from . import services
from .models import ReportRequest


# Acknowledged as it starts: a render may take minutes, far past the broker's visibility timeout,
# which would hand a message held that long to a second worker while the first still renders.
# A render whose worker dies stays "rendering" until it is taken to be stale and shown as failed,
# with a button to try again (services.report_expire_if_stale).
@shared_task(acks_late=False, soft_time_limit=services.SOFT_LIMIT, time_limit=services.HARD_LIMIT)
def render_report(report_id: int) -> str:
    """Render one requested report. Safe to run twice: a ready report is left as it is."""
    try:
        return services.report_render(report_id=report_id).status
    except ReportRequest.DoesNotExist:
        return "gone"  # its initiative was deleted while it waited in the queue


@shared_task
def queue_owed() -> int:
    """Run every minute by celery beat (CELERY_BEAT_SCHEDULE)."""
    return services.reports_queue_owed()
