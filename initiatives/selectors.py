"""Reads for initiative pages, each joined for what its page shows."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import Coalesce, Greatest, RowNumber

from actors.districts import in_district
from actors.i18n import row_fields, row_text
from actors.links import object_url
from focusgroups.models import Insight
from prioritization.models import Need, OutcomeIndicator

from .choices import InitiativeStep
from .models import (
    FollowUp,
    FollowUpReach,
    Initiative,
    InitiativeStepChange,
    OutcomeAchievement,
    step_names,
    used_steps,
)
from .permissions import initiatives_visible_to


def initiative_list_public(*, focus_area=None, step=None, district=None, way=None):
    queryset = in_district(
        Initiative.objects.public().select_related("focus_area", "lead_organisation"), district
    )
    if focus_area:
        queryset = queryset.filter(focus_area__slug=focus_area)
    if step:
        queryset = queryset.filter(step=step)
    if way:
        queryset = queryset.filter(way_of_working=way)
    return queryset.order_by("-created", "-pk")


def _insights():
    return Insight.objects.select_related("focus_group")


def initiatives_open_led_by(organisation_ids, *, limit: int = 20):
    """The open initiatives the organisations lead, last changed first."""
    return (
        Initiative.objects.open()
        .filter(lead_organisation_id__in=organisation_ids)
        .select_related("lead_organisation")
        .order_by("-updated")[:limit]
    )


def initiatives_public_led_by(organisation, *, limit: int = 20):
    """The initiatives an organisation leads that the public may read, last changed first."""
    return (
        Initiative.objects.public()
        .filter(lead_organisation=organisation)
        .select_related("focus_area")
        .order_by("-updated")[:limit]
    )


def initiative_thread(pk: int):
    """Everything the public page of one initiative shows, in a fixed number of queries."""
    return (
        Initiative.objects.select_related(
            "focus_area",
            "lead_organisation",
            "owner",
            "decision__workshop",
            "evaluation",
            "intervention",
        )
        .prefetch_related(
            "partners",
            "target_groups",
            # needs, insights and reach are ordered across the join to their focus area, focus
            # group and target group: keep what the join reads rather than fetch it again
            Prefetch(
                "needs",
                Need.objects.select_related("focus_area").prefetch_related(
                    Prefetch("insights", _insights())
                ),
            ),
            Prefetch("insights", _insights()),
            "consultations",
            Prefetch("outcomes__measures", OutcomeIndicator.objects.select_related("indicator")),
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.prefetch_related(
                    Prefetch("reach", FollowUpReach.objects.select_related("target_group")),
                    "measures",
                ),
            ),
            Prefetch(
                "evaluation__achievements", OutcomeAchievement.objects.select_related("outcome")
            ),
            Prefetch("log", InitiativeStepChange.objects.select_related("actor")),
        )
        .get(pk=pk)
    )


CARDS_PER_COLUMN = 12


@dataclass(frozen=True)
class Card:
    """What the board shows of an initiative. The board reads plain rows of values: building an
    initiative with its organisation and focus area for each card cost more than the rest of it."""

    pk: int
    step: str
    title: str
    lead_organisation: str
    focus_area: str

    @property
    def url(self) -> str:
        return object_url("initiatives:initiative_detail", self.pk)

    @classmethod
    def from_row(cls, row: dict) -> "Card":
        return cls(
            pk=row["pk"],
            step=row["step"],
            title=row_text(row, "title"),
            lead_organisation=row["lead_organisation__name"],
            focus_area=row_text(row, "focus_area__name"),
        )


def board_steps() -> list[str]:
    """The board's columns: the steps the collaboration uses, the end, and the parked."""
    return [*used_steps(), InitiativeStep.COMPLETED, InitiativeStep.PARKED]


def pipeline(
    *, user, focus_area=None, organisation=None, target_group=None, district=None, way=None
):
    """The board: per step the collaboration uses, how many initiatives stand there and the most
    recently moved ones, counting and showing only those the user may open.

    One query, however many initiatives and steps there are: window functions number each
    column's cards, newest first, and count the column, before all but its newest cards are left
    out.
    """
    steps = board_steps()
    queryset = in_district(initiatives_visible_to(user).filter(step__in=steps), district)
    if focus_area:
        queryset = queryset.filter(focus_area__slug=focus_area)
    if way:
        queryset = queryset.filter(way_of_working=way)
    # Filters across many-to-many relations go through a subquery, so no initiative is counted or
    # numbered twice and no DISTINCT is needed.
    if organisation:
        queryset = queryset.filter(
            pk__in=Initiative.objects.filter(
                Q(lead_organisation__slug=organisation) | Q(partners__slug=organisation)
            ).values("pk")
        )
    if target_group:
        queryset = queryset.filter(
            pk__in=Initiative.objects.filter(target_groups__slug=target_group).values("pk")
        )
    newest_first = [F("updated").desc(), F("pk").desc()]
    rows = (
        queryset.annotate(
            place=Window(RowNumber(), partition_by=F("step"), order_by=newest_first),
            in_column=Window(Count("pk"), partition_by=F("step")),
        )
        .filter(place__lte=CARDS_PER_COLUMN)
        .order_by(*newest_first)
        .values(
            "pk",
            "step",
            *row_fields("title"),
            "lead_organisation__name",
            *row_fields("focus_area__name"),
            "in_column",
        )
    )
    columns = {step: [] for step in steps}
    counts = {}
    for row in rows:
        columns[row["step"]].append(Card.from_row(row))
        counts[row["step"]] = row["in_column"]
    names = step_names()
    return [
        {"step": step, "name": names[step], "count": counts.get(step, 0), "initiatives": cards}
        for step, cards in columns.items()
    ]


# The steps where an initiative waits for someone to move it on. One being carried out runs for
# its planned time and is followed by its follow-up reports instead; the last step ends when the
# evaluator is done; parked and closed initiatives were put aside on purpose.
STEPS_THAT_STALL = (
    InitiativeStep.NEEDS,
    InitiativeStep.PROPOSAL,
    InitiativeStep.DECISION,
    InitiativeStep.FUNDING,
)


def _entered_step():
    """When an initiative came to the step it stands at: its latest move there, or, never moved,
    when it was drafted."""
    moved_here = (
        InitiativeStepChange.objects.filter(initiative=OuterRef("pk"), to_step=OuterRef("step"))
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    return Coalesce(Subquery(moved_here), F("created"))


def initiatives_stalled(*, before: datetime) -> list[Initiative]:
    """Initiatives that came to a step where they wait to be moved on before the time `before`
    and stand there still, each with `entered`, longest waiting first (one query)."""
    return list(
        Initiative.objects.filter(step__in=STEPS_THAT_STALL)
        .annotate(entered=_entered_step())
        .filter(entered__lt=before)
        .order_by("entered", "pk")
    )


def initiatives_follow_up_due(*, before: date) -> list[Initiative]:
    """Initiatives being carried out whose latest follow-up reported on a period that ended
    before the day `before` or, with none since they began to be carried out, that began before
    it; each with `reported_to` (the end of that period, None without one) and `since` (the day
    their time without a report runs from). One query."""
    latest = FollowUp.objects.filter(initiative=OuterRef("pk")).order_by("-period_end", "-pk")
    return list(
        Initiative.objects.filter(step=InitiativeStep.EXECUTION)
        .annotate(entered=_entered_step())
        .annotate(reported_to=Subquery(latest.values("period_end")[:1]))
        .annotate(since=Greatest(Coalesce("reported_to", "entered__date"), "entered__date"))
        .filter(since__lt=before)
        .order_by("since", "pk")
    )
