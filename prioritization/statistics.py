"""Prioritisation in figures, for the reports: the rounds closed and the needs prioritised in a
period, the indicators' trends, and what the open data publishes of needs, results and statistics.

Plain values only (text in the active language), each function a fixed number of queries.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, QuerySet

from actors.districts import in_district
from actors.i18n import in_every_language, row_fields, row_text

from .choices import RoundStatus
from .models import DataPoint, Indicator, Need, PrioritisationRound, RoundResult

# The trends look back two years before the period, so that a short period still shows a change.
TREND_YEARS_BEFORE = 2


def rounds_closed(*, start: datetime.date, end: datetime.date, district=None) -> list[dict]:
    """The rounds closed in the period, oldest first, each with its results by rank (with a
    district, the results of its needs and the whole collaboration's). Two queries."""
    closed = PrioritisationRound.objects.filter(
        status=RoundStatus.CLOSED, closed_at__date__gte=start, closed_at__date__lte=end
    )
    rounds = list(closed.order_by("closed_at"))
    results_by_round = defaultdict(list)
    # A subquery rather than the list, so the query runs (and is counted) even with no round.
    results = RoundResult.objects.filter(round__in=closed.values("pk"))
    for result in in_district(results, district, "need__district").select_related(
        "need__focus_area"
    ):
        results_by_round[result.round_id].append(
            {
                "rank": result.rank,
                "need": result.need.title,
                "focus_area": result.need.focus_area.name,
                "urgency": result.urgency,
                "capacity": result.capacity,
                "organisations": result.score_count,
                "quadrant": str(result.quadrant.label),
            }
        )
    return [
        {"title": r.title, "closed_on": r.closed_at.date(), "results": results_by_round[r.pk]}
        for r in rounds
    ]


def needs_prioritised(*, start: datetime.date, end: datetime.date, district=None) -> list[dict]:
    """How many needs (of the district) were prioritised in the period, per focus area. One
    query."""
    rows = (
        in_district(Need.objects.all(), district)
        .filter(prioritised_at__date__gte=start, prioritised_at__date__lte=end)
        .values(*row_fields("focus_area__name"), "focus_area__position")
        .annotate(n=Count("pk"))
        .order_by("focus_area__position")
    )
    return [{"focus_area": row_text(row, "focus_area__name"), "count": row["n"]} for row in rows]


def all_residents_values(points: QuerySet) -> dict[int, dict[str, Decimal]]:
    """Per indicator, its values for all residents by period, from a queryset of data points.
    One query."""
    series: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for indicator_id, period, value in (
        points.filter(target_group=None)
        .order_by("period")
        .values_list("indicator_id", "period", "value")
    ):
        series[indicator_id][period] = value
    return series


def indicator_values(*, indicators: QuerySet) -> dict[int, dict[str, Decimal]]:
    """The all-residents values of the indicators of a queryset (run as a subquery, so the count
    is one query whether or not there are any)."""
    return all_residents_values(DataPoint.objects.filter(indicator__in=indicators))


def indicator_trends(*, start: datetime.date, end: datetime.date) -> list[dict]:
    """Each indicator with data from two years before the period to its end: its first and last
    value and whether that is better for residents. Two queries."""
    indicators = list(Indicator.objects.select_related("focus_area"))
    series = all_residents_values(
        DataPoint.objects.filter(
            period__gte=str(start.year - TREND_YEARS_BEFORE), period__lt=str(end.year + 1)
        )
    )
    trends = []
    for indicator in indicators:
        values = series.get(indicator.pk)
        if not values:
            continue
        periods = sorted(values)
        first, last = values[periods[0]], values[periods[-1]]
        trends.append(
            {
                "indicator": indicator.name,
                "focus_area": indicator.focus_area.name,
                "unit": indicator.unit,
                "source": indicator.source,
                "values": values,
                "first_period": periods[0],
                "first": first,
                "last_period": periods[-1],
                "last": last,
                "change": last - first,
                "verdict": str(indicator.trend(first, last).label),
            }
        )
    return trends


def public_needs() -> list[dict]:
    """Every need, its title in Swedish and in each language it is translated into, for the open
    data. One query."""
    return [
        {
            "id": n.pk,
            **in_every_language(n, "title"),
            "focus_area": n.focus_area.name_sv,
            "status": n.status,
            "prioritised_at": n.prioritised_at.date() if n.prioritised_at else None,
        }
        for n in Need.objects.select_related("focus_area").order_by("pk")
    ]


def public_round_results() -> list[dict]:
    """The results of every closed round, in Swedish, for the open data. One query."""
    return [
        {
            "round": r.round.title_sv,
            "closed_at": r.round.closed_at.date() if r.round.closed_at else None,
            "rank": r.rank,
            "need_id": r.need_id,
            "need": r.need.title_sv,
            "urgency": r.urgency,
            "capacity": r.capacity,
            "organisations": r.score_count,
        }
        for r in RoundResult.objects.filter(round__status=RoundStatus.CLOSED)
        .select_related("round", "need")
        .order_by("round__closed_at", "rank")
    ]


def public_data_points() -> list[dict]:
    """Every value of every indicator, for all residents and per target group. One query."""
    return [
        {
            "indicator": slug,
            "name": name,
            "unit": unit,
            "source": source,
            "period": period,
            "target_group": group or "",
            "value": value,
        }
        for slug, name, unit, source, period, group, value in DataPoint.objects.order_by(
            "indicator__slug", "target_group__position", "period"
        ).values_list(
            "indicator__slug",
            "indicator__name_sv",
            "indicator__unit",
            "indicator__source",
            "period",
            "target_group__slug",
            "value",
        )
    ]
