"""Reads for the newsletter's pages, each a fixed number of queries."""

from django.db.models import Count, Q

from .choices import DeliveryStatus
from .models import Delivery, Edition

PROBLEMS = (DeliveryStatus.FAILED, DeliveryStatus.BOUNCED)


def _count(status: str) -> Count:
    return Count("deliveries", filter=Q(deliveries__status=status))


def edition_list():
    """Editions with their delivery counts, newest first (one query per page)."""
    return (
        Edition.objects.select_related("sent_by")
        .annotate(
            total=Count("deliveries"),
            sent_count=_count(DeliveryStatus.SENT),
            failed_count=Count("deliveries", filter=Q(deliveries__status__in=PROBLEMS)),
        )
        .order_by("-created_at", "-pk")
    )


def edition_progress(edition: Edition) -> dict:
    """Sent / total and the other states of an edition's deliveries, in one query."""
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    for status, number in (
        Delivery.objects.filter(edition=edition)
        .order_by()
        .values_list("status")
        .annotate(number=Count("pk"))
    ):
        counts[status] = number
    total = sum(counts.values())
    done = total - counts[DeliveryStatus.PENDING]
    return {
        "status": edition.status,
        "total": total,
        "sent": counts[DeliveryStatus.SENT],
        "failed": counts[DeliveryStatus.FAILED] + counts[DeliveryStatus.BOUNCED],
        "skipped": counts[DeliveryStatus.SKIPPED],
        "pending": counts[DeliveryStatus.PENDING],
        "percent": round(100 * done / total) if total else 100,
    }


def edition_failures(edition: Edition):
    """Deliveries that failed or bounced, with the address (when it still exists)."""
    return (
        Delivery.objects.filter(edition=edition, status__in=PROBLEMS)
        .select_related("subscriber")
        .order_by("pk")
    )
