"""What happened in prioritisation since a given time, for the newsletter to pick up.

`items(since=...)` returns plain dicts so the newsletter app needs to know nothing of these models.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from .choices import RoundStatus
from .models import Need, PrioritisationRound


def items(*, since: datetime.datetime) -> list[dict]:
    """Rounds closed and needs prioritised since `since`, oldest first. Two queries."""
    entries = []
    for round_ in PrioritisationRound.objects.filter(status=RoundStatus.CLOSED, closed_at__gte=since).order_by(
        "closed_at"
    ):
        entries.append(
            {
                "kind": "round_closed",
                "title": _("Prioritisation round closed: %(title)s") % {"title": round_.title},
                "text": round_.description
                or _("The member organisations have ranked the needs; see the matrix."),
                "url": reverse("prioritization:round_detail", args=[round_.pk]),
                "when": round_.closed_at,
            }
        )
    for need in Need.objects.filter(prioritised_at__gte=since).select_related("focus_area").order_by(
        "prioritised_at"
    ):
        entries.append(
            {
                "kind": "need_prioritised",
                "title": _("Prioritised need: %(title)s") % {"title": need.title},
                "text": need.description or need.focus_area.name,
                "url": reverse("prioritization:need_detail", args=[need.pk]),
                "when": need.prioritised_at,
            }
        )
    entries.sort(key=lambda entry: entry["when"])
    for entry in entries:
        del entry["when"]
    return entries
