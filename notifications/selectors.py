from dataclasses import dataclass
from datetime import datetime

from .kinds import KINDS
from .models import Notification


def notifications_of(*, user):
    """A person's notices, newest first, with the events they tell of."""
    return Notification.objects.filter(recipient=user).select_related("event")


@dataclass(frozen=True)
class Row:
    """A notice as its reader sees it, in the active language."""

    pk: int
    label: str
    text: str
    url: str
    at: datetime
    unread: bool


def row(notification: Notification) -> Row:
    kind = KINDS[notification.kind]
    event, data = notification.event, notification.data
    return Row(
        pk=notification.pk,
        label=str(kind.kind.label),
        text=kind.text(event, data),
        url=kind.url(event, data),
        at=event.at if event else notification.created,
        unread=notification.read_at is None,
    )


def rows(notifications) -> list[Row]:
    return [row(notification) for notification in notifications]
