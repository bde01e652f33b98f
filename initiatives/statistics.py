"""Initiatives in figures, for the reports: what the initiatives did in a period, the whole record
of one initiative for its evaluation report, and what the open data publishes of them.

Plain values only (text in the active language). Every function runs a fixed number of queries,
whatever the data: the record of an initiative reads each relation with its own query filtered on
the initiative, never a nested prefetch, which Django skips when the level above it is empty.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from actors.districts import in_district
from actors.i18n import in_every_language, row_fields, row_text
from actors.models import Organisation
from focusgroups.models import CouncilConsultation, Insight
from prioritization.models import Indicator, Need, Outcome, OutcomeIndicator, TargetGroup
from prioritization.statistics import indicator_values

from .choices import InitiativeStep
from .models import (
    Evaluation,
    FollowUp,
    FollowUpMeasure,
    FollowUpReach,
    Initiative,
    InitiativeStepChange,
    OutcomeAchievement,
    step_names,
    used_steps,
)

# The steps that end an initiative early, which a period report lists when any initiative of the
# period stands at them.
EARLY_ENDS = (InitiativeStep.REJECTED, InitiativeStep.WITHDRAWN)


@dataclass(frozen=True)
class StepCounts:
    """The initiatives active in a period: how many stand at each step, and in all."""

    steps: list[dict]
    active: int


def _of(queryset, district, way, through: str = ""):
    """The rows of the district's initiatives (with the whole collaboration's) and, given a
    way of working, of that way's alone; `through` is the relation to the initiative."""
    queryset = in_district(queryset, district, f"{through}district")
    return queryset.filter(**{f"{through}way_of_working": way}) if way else queryset


def step_counts(*, start: datetime.date, end: datetime.date, district=None, way=None) -> StepCounts:
    """The initiatives (of the district) running at some time in the period (past the needs
    step), per step. One query."""
    counts = dict(
        _of(Initiative.objects.all(), district, way)
        .filter(starts_on__lte=end, ends_on__gte=start)
        .exclude(step=InitiativeStep.NEEDS)
        .order_by()
        .values_list("step")
        .annotate(n=Count("pk"))
    )
    names = step_names()
    # The board's steps past the needs, always
    board = (*used_steps()[1:], InitiativeStep.COMPLETED, InitiativeStep.PARKED)
    steps = [
        {"step": names[step], "count": counts.get(step, 0)}
        for step in (*board, *EARLY_ENDS)
        if counts.get(step, 0) or step in board
    ]
    return StepCounts(steps=steps, active=sum(counts.values()))


def started_count(*, start: datetime.date, end: datetime.date, district=None, way=None) -> int:
    """Initiatives (of the district, past the needs step) planned to start in the period. One
    query."""
    return (
        _of(Initiative.objects.all(), district, way)
        .filter(starts_on__gte=start, starts_on__lte=end)
        .exclude(step=InitiativeStep.NEEDS)
        .count()
    )


def completed_count(*, start: datetime.date, end: datetime.date, district=None, way=None) -> int:
    """Initiatives (of the district) that moved to completed in the period. One query."""
    changes = InitiativeStepChange.objects.filter(
        to_step=InitiativeStep.COMPLETED, at__date__gte=start, at__date__lte=end
    )
    return _of(changes, district, way, "initiative__").count()


def _follow_ups_in(start: datetime.date, end: datetime.date, district, way):
    follow_ups = FollowUp.objects.filter(period_end__gte=start, period_end__lte=end)
    return _of(follow_ups, district, way, "initiative__")


def reach(*, start: datetime.date, end: datetime.date, district=None, way=None) -> list[dict]:
    """Per initiative (of the district) that reported on a period ending in this one: its
    follow-ups, activities, participants and money spent, by title. Two queries."""
    follow_ups = _follow_ups_in(start, end, district, way)
    reached = dict(
        FollowUpReach.objects.filter(follow_up__in=follow_ups)
        .values_list("follow_up__initiative_id")
        .annotate(n=Sum("participants"))
        .order_by()
    )
    labels = step_names()
    rows = (
        follow_ups.values("initiative_id", *row_fields("initiative__title"), "initiative__step")
        .annotate(reports=Count("pk"), activities=Sum("activities"), spent=Sum("money_spent"))
        .order_by("initiative__title_sv", "initiative_id")
    )
    return [
        {
            "initiative": row_text(row, "initiative__title"),
            "step": str(labels[row["initiative__step"]]),
            "follow_ups": row["reports"],
            "activities": row["activities"],
            "participants": reached.get(row["initiative_id"], 0),
            "spent": row["spent"],
        }
        for row in rows
    ]


def reach_by_target_group(
    *, start: datetime.date, end: datetime.date, district=None, way=None
) -> list[dict]:
    """Participants the follow-ups of the period reached, per target group. One query."""
    rows = (
        FollowUpReach.objects.filter(follow_up__in=_follow_ups_in(start, end, district, way))
        .values(*row_fields("target_group__name"), "target_group__position")
        .annotate(n=Sum("participants"))
        .order_by("target_group__position")
    )
    return [
        {
            "target_group": row_text(row, "target_group__name"),
            "participants": row["n"],
        }
        for row in rows
    ]


def lessons(*, start: datetime.date, end: datetime.date, district=None, way=None) -> list[dict]:
    """What the evaluations made in the period recommend and teach, oldest first. One query."""
    return [
        {
            "initiative": e.initiative.title,
            "recommendation": e.get_recommendation_display(),
            "lessons": e.lessons,
            "evaluated_on": e.evaluated_at.date(),
        }
        for e in _of(Evaluation.objects.all(), district, way, "initiative__")
        .filter(evaluated_at__date__gte=start, evaluated_at__date__lte=end)
        .select_related("initiative")
        .order_by("evaluated_at", "pk")
    ]


def public_initiatives() -> list[dict]:
    """Every public initiative for the open data, in Swedish: its title also in each language it
    is translated into (`title_so`...). One query."""
    return [
        {
            "id": i.pk,
            **in_every_language(i, "title"),
            "focus_area": i.focus_area.name_sv,
            "lead_organisation": i.lead_organisation.name,
            "step": i.step,
            "budget": i.budget,
            "starts_on": i.starts_on,
            "ends_on": i.ends_on,
        }
        for i in Initiative.objects.public()
        .select_related("focus_area", "lead_organisation")
        .order_by("pk")
    ]


def indicators_of(initiative_id: int):
    """The indicators the initiative's outcomes are measured by, as a queryset (a subquery)."""
    return Indicator.objects.filter(outcome_measures__outcome__initiatives=initiative_id)


def _quote(insight: Insight) -> dict:
    return {"text": insight.text, "held_on": insight.focus_group.held_on}


def _needs(initiative_id: int) -> tuple[list[dict], set[int]]:
    """The needs the initiative answers, each with the residents' words behind it, and the
    insights quoted there. Two queries."""
    quotes = defaultdict(list)
    quoted = set()
    for link in (
        Need.insights.through.objects.filter(need__initiatives=initiative_id)
        .select_related("insight__focus_group")
        .order_by(
            "-insight__focus_group__held_on",
            "-insight__focus_group__pk",
            "insight__position",
            "insight__pk",
        )
    ):
        quotes[link.need_id].append(_quote(link.insight))
        quoted.add(link.insight_id)
    needs = [
        {
            "title": need.title,
            "description": need.description,
            "focus_area": need.focus_area.name,
            "quotes": quotes[need.pk],
        }
        for need in Need.objects.filter(initiatives=initiative_id).select_related("focus_area")
    ]
    return needs, quoted


def _outcomes(initiative_id: int) -> list[dict]:
    """The outcomes aimed for, each with its indicators (baseline, target, the official
    statistics, the values measured in the follow-ups) and the evaluator's judgement. Five
    queries."""
    statistics = indicator_values(indicators=indicators_of(initiative_id))
    measured = defaultdict(list)
    for outcome_indicator_id, period_end, value in (
        FollowUpMeasure.objects.filter(follow_up__initiative=initiative_id)
        .order_by("follow_up__period_end", "follow_up__pk", "pk")
        .values_list("outcome_indicator_id", "follow_up__period_end", "value")
    ):
        measured[outcome_indicator_id].append({"period": f"{period_end:%Y-%m}", "value": value})
    measures = defaultdict(list)
    for m in OutcomeIndicator.objects.filter(outcome__initiatives=initiative_id).select_related(
        "indicator"
    ):
        measures[m.outcome_id].append(
            {
                "indicator": m.indicator.name,
                "unit": m.indicator.unit,
                "baseline": m.baseline,
                "baseline_period": m.baseline_period,
                "target": m.target,
                "target_period": m.target_period,
                "statistics": statistics.get(m.indicator_id, {}),
                "measured": measured.get(m.pk, []),
            }
        )
    achievements = {
        a.outcome_id: a
        for a in OutcomeAchievement.objects.filter(evaluation__initiative=initiative_id)
    }
    outcomes = []
    for outcome in Outcome.objects.filter(initiatives=initiative_id):
        achievement = achievements.get(outcome.pk)
        outcomes.append(
            {
                "title": outcome.title,
                "achievement": achievement.get_achievement_display() if achievement else "",
                "comment": achievement.comment if achievement else "",
                "measures": measures[outcome.pk],
            }
        )
    return outcomes


def initiative_record(initiative_id: int) -> dict:
    """Everything an evaluation report tells of one initiative, from the need to the evaluation.

    Queries, whatever the initiative has: the initiative with its decision and evaluation (1),
    partners (1), target groups (1), needs and their quotes (2), other quotes (1), consultations
    (1), outcomes with their indicators, their statistics, the values measured and the
    achievements (5), follow-ups with their reach (1), the process log (1): 14.
    """
    initiative = Initiative.objects.select_related(
        "focus_area", "lead_organisation", "decision__workshop", "evaluation"
    ).get(pk=initiative_id)
    decision = getattr(initiative, "decision", None)
    evaluation = getattr(initiative, "evaluation", None)
    needs, quoted = _needs(initiative_id)
    follow_ups = FollowUp.objects.filter(initiative=initiative_id).annotate(
        reached=Coalesce(Sum("reach__participants"), 0)
    )
    return {
        "initiative": {
            "id": initiative.pk,
            "title": initiative.title,
            "summary": initiative.summary,
            "resident_involvement": initiative.resident_involvement,
            "focus_area": initiative.focus_area.name,
            "lead": initiative.lead_organisation.name,
            "partners": [
                o.name for o in Organisation.objects.filter(partner_initiatives=initiative_id)
            ],
            "target_groups": [
                g.name for g in TargetGroup.objects.filter(initiatives=initiative_id)
            ],
            "starts_on": initiative.starts_on,
            "ends_on": initiative.ends_on,
            "step": initiative.step_name,
            "exit_reason": initiative.exit_reason,
        },
        "needs": needs,
        "more_quotes": [
            _quote(i)
            for i in Insight.objects.filter(initiatives=initiative_id).select_related("focus_group")
            if i.pk not in quoted
        ],
        "consultations": [
            {
                "question": c.question,
                "asked_on": c.asked_on,
                "answer": c.answer if c.is_answered else "",
                "answered_on": c.answered_on,
            }
            for c in CouncilConsultation.objects.filter(initiatives=initiative_id)
        ],
        "decision": {
            "decided_on": decision.decided_on,
            "decided_by": decision.decided_by,
            "workshop": decision.workshop.theme if decision.workshop else "",
            "conditions": decision.conditions,
        }
        if decision
        else None,
        "follow_ups": [
            {
                "period_start": f.period_start,
                "period_end": f.period_end,
                "activities": f.activities,
                "participants": f.reached,
                "quality": f.quality_score,
                "spent": f.money_spent,
                "status": f.get_status_display(),
                "how_well": f.how_well,
                "better_off": f.better_off,
                "obstacles": f.obstacles,
            }
            for f in follow_ups
        ],
        "outcomes": _outcomes(initiative_id),
        "evaluation": {
            "method": evaluation.method,
            "findings": evaluation.findings,
            "lessons": evaluation.lessons,
            "recommendation": evaluation.get_recommendation_display(),
            "evaluated_on": evaluation.evaluated_at.date(),
        }
        if evaluation
        else None,
        "log": [
            {
                "at": change.at.date(),
                "from": change.get_from_step_display(),
                "to": change.get_to_step_display(),
                "note": change.note,
            }
            for change in InitiativeStepChange.objects.filter(initiative=initiative_id)
        ],
    }
