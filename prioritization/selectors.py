"""Reads for the prioritisation pages, each joined for what its page shows."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery

from actors.choices import OrganisationKind
from actors.districts import in_district, of_district
from actors.models import District, Organisation
from focusgroups.models import Insight

from .choices import NeedStatus, RoundStatus
from .models import (
    DataPoint,
    FocusArea,
    Indicator,
    Need,
    Outcome,
    OutcomeIndicator,
    PrioritisationRound,
    RoundResult,
    Score,
    TargetGroup,
)

PUBLIC_INSIGHTS = 10


def focus_area_list(*, district: District | None = None):
    """The focus areas with how many needs, indicators and insights each has; with a district,
    the needs and insights (by their focus group) of that district and the whole
    collaboration's. Indicators describe the whole area and are always all counted."""
    return FocusArea.objects.annotate(
        need_count=Count("needs", filter=of_district(district, "needs__district"), distinct=True),
        indicator_count=Count("indicators", distinct=True),
        insight_count=Count(
            "insights",
            filter=of_district(district, "insights__focus_group__district"),
            distinct=True,
        ),
    ).order_by("position", "pk")


def need_list(
    *,
    focus_area: FocusArea | None = None,
    status: str | None = None,
    district: District | None = None,
):
    queryset = in_district(
        Need.objects.select_related("focus_area").prefetch_related("target_groups"), district
    )
    if focus_area is not None:
        queryset = queryset.filter(focus_area=focus_area)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def need_detail(pk: int) -> Need:
    return (
        Need.objects.select_related("focus_area")
        .prefetch_related(
            "target_groups",
            "indicators",
            "consultations",
            "ideas",
            Prefetch("insights", queryset=Insight.objects.select_related("focus_group")),
            Prefetch("outcomes", queryset=Outcome.objects.prefetch_related("interventions")),
            Prefetch(
                "round_results",
                queryset=RoundResult.objects.select_related("round").order_by("-round__closed_at"),
            ),
        )
        .get(pk=pk)
    )


def insights_for(*, focus_area=None, target_group=None):
    queryset = Insight.objects.select_related("focus_group").order_by("-focus_group__held_on", "pk")
    if focus_area is not None:
        queryset = queryset.filter(focus_areas=focus_area)
    if target_group is not None:
        queryset = queryset.filter(focus_group__target_groups=target_group)
    return queryset


def indicators_with_latest(queryset):
    """Indicators, each with `latest`: its newest all-residents data point (one query more)."""
    indicators = list(queryset.select_related("focus_area"))
    # A correlated subquery rather than DISTINCT ON, which SQLite (the embedded default) lacks.
    newest_period = (
        DataPoint.objects.filter(indicator=OuterRef("indicator"), target_group=None)
        .order_by("-period")
        .values("period")[:1]
    )
    latest = {
        point.indicator_id: point
        for point in DataPoint.objects.filter(
            indicator__in=indicators, target_group=None, period=Subquery(newest_period)
        )
    }
    for indicator in indicators:
        indicator.latest = latest.get(indicator.pk)
    return indicators


def focus_area_page(focus_area: FocusArea) -> dict:
    return {
        "needs": list(need_list(focus_area=focus_area).exclude(status=NeedStatus.SET_ASIDE)),
        "indicators": indicators_with_latest(Indicator.objects.filter(focus_area=focus_area)),
        "insights": list(insights_for(focus_area=focus_area)[:PUBLIC_INSIGHTS]),
    }


def indicator_series(indicator: Indicator) -> list[tuple[str, dict]]:
    """The indicator's values by period: all residents first, then each target group."""
    by_group: dict = defaultdict(dict)
    names = {}
    for point in indicator.data_points.select_related("target_group").order_by("period"):
        by_group[point.target_group_id][point.period] = point.value
        names[point.target_group_id] = point.target_group
    order = sorted(
        by_group, key=lambda gid: (gid is not None, names[gid].position if gid else 0, gid or 0)
    )
    return [(str(names[gid]) if gid else None, by_group[gid]) for gid in order]


def round_list_for(user):
    queryset = PrioritisationRound.objects.annotate(
        need_count=Count("needs", distinct=True)
    ).order_by("-opened_at", "-pk")
    if not user.is_authenticated:
        queryset = queryset.filter(status=RoundStatus.CLOSED)
    return queryset


def round_results(round_: PrioritisationRound) -> list[RoundResult]:
    return list(round_.results.select_related("need__focus_area").order_by("rank"))


# Funders pay for the work and researchers evaluate it: they are not waited for in a round.
SCORING_KINDS = [
    kind
    for kind in OrganisationKind
    if kind not in (OrganisationKind.FUNDER, OrganisationKind.RESEARCH)
]


@dataclass(frozen=True)
class Turnout:
    """Who has scored an open round: the active organisations that take part in prioritising,
    and any other that scored."""

    need_count: int
    scored: list[tuple[str, int]]  # (organisation, needs it scored), by name
    missing: list[str]  # active organisations with no score yet, by name

    @property
    def expected(self) -> int:
        return len(self.scored) + len(self.missing)

    @property
    def unfinished(self) -> list[tuple[str, int]]:
        """Organisations that scored some of the round's needs but not all."""
        return [(name, count) for name, count in self.scored if count < self.need_count]


def round_turnout(round_: PrioritisationRound, *, need_count: int) -> Turnout:
    """How many organisations have scored the round and which have not (no scores shown)."""
    rows = (
        Organisation.objects.annotate(scored=Count("scores", filter=Q(scores__round=round_)))
        .filter(Q(active=True, kind__in=SCORING_KINDS) | Q(scored__gt=0))
        .order_by("name")
        .values_list("name", "scored")
    )
    return Turnout(
        need_count=need_count,
        scored=[(name, count) for name, count in rows if count],
        missing=[name for name, count in rows if not count],
    )


def round_contributions(round_: PrioritisationRound) -> dict[int, list[Score]]:
    """What organisations said they could contribute, per need (for a closed round)."""
    by_need = defaultdict(list)
    for score in (
        Score.objects.filter(round=round_).exclude(contribution="").select_related("organisation")
    ):
        by_need[score.need_id].append(score)
    return by_need


def latest_closed_round() -> PrioritisationRound | None:
    return (
        PrioritisationRound.objects.filter(status=RoundStatus.CLOSED).order_by("-closed_at").first()
    )


def open_rounds():
    return PrioritisationRound.objects.filter(status=RoundStatus.OPEN)


def open_rounds_unscored_by(organisation_ids) -> list[PrioritisationRound]:
    """Open rounds where some organisation of the person has not scored every need."""
    return list(
        PrioritisationRound.objects.filter(status=RoundStatus.OPEN)
        .annotate(
            need_count=Count("needs", distinct=True),
            scored=Count(
                "scores", filter=Q(scores__organisation__in=organisation_ids), distinct=True
            ),
        )
        .filter(scored__lt=F("need_count") * len(organisation_ids))
    )


def rounds_closing(*, on) -> list[tuple[PrioritisationRound, set[int]]]:
    """Open rounds whose last day to score is `on`, each with the organisations that have scored
    every one of its needs (two queries)."""
    rounds = list(
        PrioritisationRound.objects.filter(status=RoundStatus.OPEN, closes_on=on).annotate(
            need_count=Count("needs", distinct=True)
        )
    )
    scored = defaultdict(dict)
    for round_id, organisation_id, needs in (
        Score.objects.filter(round__in=rounds)
        .values_list("round_id", "organisation_id")
        .annotate(needs=Count("need", distinct=True))
        .order_by()
    ):
        scored[round_id][organisation_id] = needs
    return [
        (
            round_,
            {org for org, needs in scored[round_.pk].items() if needs >= round_.need_count},
        )
        for round_ in rounds
    ]


def outcome_detail(pk: int) -> Outcome:
    return (
        Outcome.objects.select_related("need__focus_area")
        .prefetch_related(
            "interventions",
            Prefetch("insights", queryset=Insight.objects.select_related("focus_group")),
            Prefetch("measures", queryset=OutcomeIndicator.objects.select_related("indicator")),
        )
        .get(pk=pk)
    )


def target_group_list():
    return TargetGroup.objects.annotate(
        focus_group_count=Count("focus_groups", distinct=True)
    ).order_by("position", "pk")
