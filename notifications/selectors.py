from dataclasses import dataclass
from datetime import datetime

from .kinds import KINDS, Link
from .models import Notification, Preference


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
    links: list[Link]


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
        links=kind.links(event, data),
    )


def rows(notifications) -> list[Row]:
    return [row(notification) for notification in notifications]


def frequencies(*, user_ids, kinds) -> dict[tuple[int, str], str]:
    """How often each person wants each kind mailed: their choice, else the kind's default.
    One query."""
    chosen = {
        (user_id, kind): frequency
        for user_id, kind, frequency in Preference.objects.filter(
            user_id__in=user_ids, kind__in=kinds
        ).values_list("user_id", "kind", "frequency")
    }
    return {
        (user_id, kind): chosen.get((user_id, kind), KINDS[kind].default)
        for user_id in user_ids
        for kind in kinds
    }
