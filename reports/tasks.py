"""Celery tasks of the reports app: thin wrappers that load by id and call a service."""

from celery import shared_task

from . import services
from .models import ReportRequest


@shared_task(acks_late=True, soft_time_limit=services.SOFT_LIMIT, time_limit=services.HARD_LIMIT)
def render_report(report_id: int) -> str:
    """Render one requested report. Safe to run twice: a ready report is left as it is."""
    try:
        return services.report_render(report_id=report_id).status
    except ReportRequest.DoesNotExist:
        return "gone"  # its initiative was deleted while it waited in the queue
