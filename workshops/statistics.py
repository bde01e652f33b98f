"""Workshops in figures, for the reports: the workshops held in a period and who came.

Plain values only (text in the active language), each function one query.
"""

import datetime

from django.db.models import Count, Q, Sum

from actors.districts import of_district
from actors.i18n import row_fields, row_text

from .choices import WorkshopStatus
from .models import Attendance, Workshop


def _held_in(start: datetime.date, end: datetime.date, district, prefix: str = "") -> Q:
    """The workshops held in the period, of the district (and the whole collaboration's)."""
    return Q(
        **{
            f"{prefix}status": WorkshopStatus.HELD,
            f"{prefix}starts_at__date__gte": start,
            f"{prefix}starts_at__date__lte": end,
        }
    ) & of_district(district, f"{prefix}district")


def workshops_held(*, start: datetime.date, end: datetime.date, district=None) -> list[dict]:
    """Each workshop held in the period, oldest first: its theme, how many organisations sent
    people, how many people they sent and how many residents came."""
    rows = (
        Workshop.objects.filter(_held_in(start, end, district))
        .values("pk", "starts_at", *row_fields("theme"), "residents")
        .annotate(organisations=Count("attendances"), people=Sum("attendances__people"))
        .order_by("starts_at")
    )
    return [
        {
            "date": row["starts_at"].date(),
            "theme": row_text(row, "theme"),
            "organisations": row["organisations"],
            "people": row["people"] or 0,
            "residents": row["residents"],
        }
        for row in rows
    ]


def attendance_by_organisation(
    *, start: datetime.date, end: datetime.date, held: int, district=None
) -> list[dict]:
    """Per organisation that sent anyone, the workshops it attended of the `held` in the period,
    the people it sent and the share of the workshops it attended (%), most present first."""
    rows = (
        Attendance.objects.filter(_held_in(start, end, district, "workshop__"), people__gt=0)
        .values("organisation__name")
        .annotate(workshops=Count("workshop", distinct=True), people=Sum("people"))
        .order_by("-workshops", "organisation__name")
    )
    return [
        {
            "organisation": row["organisation__name"],
            "workshops": row["workshops"],
            "people": row["people"] or 0,
            "share": round(100 * row["workshops"] / held) if held else 0,
        }
        for row in rows
    ]
