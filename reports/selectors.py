"""The data each report prints, gathered in a fixed number of queries and returned as plain values.

A report's data is a dict of strings, numbers and dates (no model instances), so that it can be
hashed into the report's `data_version`, rendered by the PDF templates and written to the CSV
files of its data package, all from the same values. Text is read in the language active when
the builder runs; the services call it under `translation.override(report.language)`.
"""

import datetime
import hashlib
import json
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.i18n import active_language
from actors.models import SiteSettings
from funding import selectors as ledger
from initiatives.choices import BOARD_STEPS, InitiativeStep
from initiatives.models import (
    Evaluation,
    FollowUp,
    FollowUpReach,
    Initiative,
    InitiativeStepChange,
)
from initiatives.selectors import initiative_thread
from prioritization.choices import RoundStatus
from prioritization.models import DataPoint, Indicator, Need, PrioritisationRound, RoundResult
from workshops.choices import WorkshopStatus
from workshops.models import Attendance, Workshop

from .choices import ReportKind

# Raise when the templates change what they print, so stored reports are not reused.
FORMAT_VERSION = 2
# The quadrants of the prioritisation matrix, named as the prioritisation pages name them.
QUADRANTS = {
    "act": gettext_lazy("Act now"),
    "build": gettext_lazy("Build capacity"),
    "support": gettext_lazy("Support others"),
    "watch": gettext_lazy("Keep watching"),
}


def pick(swedish: str, english: str) -> str:
    """Bilingual text from values() rows: English when asked for and written, else Swedish."""
    return english if active_language() == "en" and english else swedish


def data_version(data: dict) -> str:
    """A hash of everything a report prints: equal data, equal hash."""
    payload = json.dumps(
        {"format": FORMAT_VERSION, "data": data}, sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def table(name: str, title: str, columns: list[tuple[str, str, str]], rows: list[dict]) -> dict:
    """One CSV file of a data package: columns as (key, header, what it means)."""
    return {"name": name, "title": title, "columns": columns, "rows": rows}


def _money_rows(funding: dict, keys: list[tuple[str, str]]) -> list[dict]:
    return [{"figure": label, "amount": funding.get(key)} for key, label in keys]


def collaboration() -> dict:
    site = SiteSettings.current()
    return {"name": site.name, "area": site.area, "council": site.council_name}


# --------------------------------------------------------------------------------------------
# The initiative evaluation report


def initiative_report(initiative_id: int) -> dict:
    """The whole thread of one initiative, from the need to the evaluation.

    Queries: the initiative and its one-to-ones (1), its prefetched relations (14, see
    initiatives.selectors.initiative_thread), the indicators' statistics (1).
    """
    thread = initiative_thread(initiative_id)
    follow_ups = list(thread.follow_ups.all())
    funding = ledger.initiative_funding(thread)
    decision = getattr(thread, "decision", None)
    evaluation = getattr(thread, "evaluation", None)

    outcomes = list(thread.outcomes.all())
    indicator_ids = {m.indicator_id for outcome in outcomes for m in outcome.measures.all()}
    statistics: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for indicator_id, period, value in (
        DataPoint.objects.filter(indicator_id__in=indicator_ids, target_group=None)
        .order_by("period")
        .values_list("indicator_id", "period", "value")
    ):
        statistics[indicator_id][period] = value
    measured: dict[int, list[dict]] = defaultdict(list)
    for follow_up in follow_ups:
        for measure in follow_up.measures.all():
            measured[measure.outcome_indicator_id].append(
                {"period": f"{follow_up.period_end:%Y-%m}", "value": measure.value}
            )
    achievements = {a.outcome_id: a for a in evaluation.achievements.all()} if evaluation else {}

    needs = [
        {
            "title": need.title,
            "description": need.description,
            "focus_area": need.focus_area.name,
            "quotes": [
                {"text": i.text, "held_on": i.focus_group.held_on} for i in need.insights.all()
            ],
        }
        for need in thread.needs.all()
    ]
    quoted = {i.pk for need in thread.needs.all() for i in need.insights.all()}
    outcome_rows = []
    for outcome in outcomes:
        achievement = achievements.get(outcome.pk)
        outcome_rows.append(
            {
                "title": outcome.title,
                "achievement": achievement.get_achievement_display() if achievement else "",
                "comment": achievement.comment if achievement else "",
                "measures": [
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
                    for m in outcome.measures.all()
                ],
            }
        )
    follow_up_rows = [
        {
            "period_start": f.period_start,
            "period_end": f.period_end,
            "activities": f.activities,
            "participants": f.participants,
            "quality": f.quality_score,
            "spent": f.money_spent,
            "status": f.get_status_display(),
            "how_well": f.how_well,
            "better_off": f.better_off,
            "obstacles": f.obstacles,
        }
        for f in follow_ups
    ]
    log_rows = [
        {
            "at": change.at.date(),
            "from": change.get_from_step_display(),
            "to": change.get_to_step_display(),
            "note": change.note,
        }
        for change in thread.log.all()
    ]
    money_labels = [
        ("budget", _("Budget")),
        ("granted", _("Granted")),
        ("allocated", _("Allocated")),
        ("disbursed", _("Disbursed")),
        ("spent", _("Spent")),
        ("participants", _("Participants reached")),
        ("cost_per_participant", _("Cost per participant")),
    ]
    data = {
        "kind": ReportKind.INITIATIVE.value,
        "language": active_language(),
        "collaboration": collaboration(),
        "title": _("Evaluation report"),
        "subject": thread.title,
        "initiative": {
            "id": thread.pk,
            "title": thread.title,
            "summary": thread.summary,
            "resident_involvement": thread.resident_involvement,
            "focus_area": thread.focus_area.name,
            "lead": thread.lead_organisation.name,
            "partners": [p.name for p in thread.partners.all()],
            "target_groups": [g.name for g in thread.target_groups.all()],
            "starts_on": thread.starts_on,
            "ends_on": thread.ends_on,
            "step": thread.get_step_display(),
            "exit_reason": thread.exit_reason,
        },
        "needs": needs,
        "more_quotes": [
            {"text": i.text, "held_on": i.focus_group.held_on}
            for i in thread.insights.all()
            if i.pk not in quoted
        ],
        "consultations": [
            {
                "question": c.question,
                "asked_on": c.asked_on,
                "answer": c.answer if c.is_answered else "",
                "answered_on": c.answered_on,
            }
            for c in thread.consultations.all()
        ],
        "decision": {
            "decided_on": decision.decided_on,
            "decided_by": decision.decided_by,
            "workshop": decision.workshop.theme if decision.workshop else "",
            "conditions": decision.conditions,
        }
        if decision
        else None,
        "funding": funding,
        "funding_rows": _money_rows(funding, money_labels),
        "follow_ups": follow_up_rows,
        "outcomes": outcome_rows,
        "evaluation": {
            "method": evaluation.method,
            "findings": evaluation.findings,
            "lessons": evaluation.lessons,
            "recommendation": evaluation.get_recommendation_display(),
            "evaluated_on": evaluation.evaluated_at.date(),
        }
        if evaluation
        else None,
        "log": log_rows,
    }
    data["tables"] = _initiative_tables(data)
    return data


def _initiative_tables(data: dict) -> list[dict]:
    initiative = data["initiative"]
    facts = [
        (_("Title"), initiative["title"]),
        (_("Focus area"), initiative["focus_area"]),
        (_("Lead organisation"), initiative["lead"]),
        (_("Partners"), ", ".join(initiative["partners"])),
        (_("Target groups"), ", ".join(initiative["target_groups"])),
        (_("Starts on"), initiative["starts_on"]),
        (_("Ends on"), initiative["ends_on"]),
        (_("Step"), initiative["step"]),
        (
            _("Recommendation"),
            data["evaluation"]["recommendation"] if data["evaluation"] else "",
        ),
    ]
    measures = [
        {
            "outcome": outcome["title"],
            "indicator": m["indicator"],
            "unit": m["unit"],
            "baseline": m["baseline"],
            "baseline_period": m["baseline_period"],
            "target": m["target"],
            "target_period": m["target_period"],
            "period": point["period"],
            "value": point["value"],
        }
        for outcome in data["outcomes"]
        for m in outcome["measures"]
        for point in m["measured"] or [{"period": "", "value": None}]
    ]
    return [
        table(
            "initiative.csv",
            _("The initiative"),
            [("field", _("Field"), _("What is described")), ("value", _("Value"), _("Its value"))],
            [{"field": field, "value": value} for field, value in facts],
        ),
        table(
            "funding.csv",
            _("From budget to money spent (SEK)"),
            [
                ("figure", _("Figure"), _("Budget, granted, allocated, disbursed or spent")),
                ("amount", _("Amount"), _("SEK; participants as a count; empty when not recorded")),
            ],
            data["funding_rows"],
        ),
        table(
            "follow_ups.csv",
            _("Follow-ups"),
            [
                ("period_start", _("From"), _("First day of the period reported on")),
                ("period_end", _("To"), _("Last day of the period")),
                ("activities", _("Activities"), _("Activities held in the period")),
                ("participants", _("Participants"), _("Participants reached, all target groups")),
                ("quality", _("Satisfied (%)"), _("Share of participants satisfied")),
                ("spent", _("Spent (SEK)"), _("Money spent in the period")),
                ("status", _("Status"), _("On track, at risk or off track")),
            ],
            [
                {
                    k: row[k]
                    for k in (
                        "period_start",
                        "period_end",
                        "activities",
                        "participants",
                        "quality",
                        "spent",
                        "status",
                    )
                }
                for row in data["follow_ups"]
            ],
        ),
        table(
            "outcome_indicators.csv",
            _("Indicators with baseline and target"),
            [
                ("outcome", _("Outcome"), _("The change the initiative aims for")),
                ("indicator", _("Indicator"), _("How the outcome is measured")),
                ("unit", _("Unit"), _("Unit of the indicator")),
                ("baseline", _("Baseline"), _("Value before the initiative")),
                ("baseline_period", _("Baseline period"), _("When the baseline was measured")),
                ("target", _("Target"), _("Value aimed for")),
                ("target_period", _("Target period"), _("When the target should be reached")),
                ("period", _("Measured in"), _("Follow-up period (year-month) of the value")),
                ("value", _("Measured value"), _("Value reported in the follow-up")),
            ],
            measures,
        ),
        table(
            "achievements.csv",
            _("Outcomes reached"),
            [
                ("outcome", _("Outcome"), _("The change the initiative aims for")),
                ("achievement", _("Achievement"), _("The evaluator's judgement")),
                ("comment", _("Comment"), _("Why")),
            ],
            [
                {"outcome": o["title"], "achievement": o["achievement"], "comment": o["comment"]}
                for o in data["outcomes"]
            ],
        ),
        table(
            "process_log.csv",
            _("Every move of the initiative, oldest first"),
            [
                ("at", _("When"), _("Date of the move")),
                ("from", _("From"), _("Step before")),
                ("to", _("To"), _("Step after")),
                ("note", _("Note"), _("Note or reason given")),
            ],
            data["log"],
        ),
    ]


# --------------------------------------------------------------------------------------------
# The period report


def period_report(start: datetime.date, end: datetime.date) -> dict:
    """What the whole collaboration did between two dates.

    Queries, whatever the amount of data: site settings (1, cached), workshops held (1),
    attendance by organisation (1), rounds closed (1) and their results (1), needs prioritised
    (1), initiatives per step (1), started and completed (2), follow-ups per initiative (1),
    reach per initiative (1) and per target group (1), money (ledger.period_totals: 3),
    indicators (1) and their data points (1), evaluations (1).
    """
    in_period = Q(starts_at__date__gte=start, starts_at__date__lte=end)
    workshops = [
        {
            "date": row["starts_at"].date(),
            "theme": pick(row["theme_sv"], row["theme_en"]),
            "organisations": row["organisations"],
            "people": row["people"] or 0,
            "residents": row["residents"],
        }
        for row in Workshop.objects.filter(in_period, status=WorkshopStatus.HELD)
        .values("pk", "starts_at", "theme_sv", "theme_en", "residents")
        .annotate(organisations=Count("attendances"), people=Sum("attendances__people"))
        .order_by("starts_at")
    ]
    held = len(workshops)
    attendance = [
        {
            "organisation": row["organisation__name"],
            "workshops": row["workshops"],
            "people": row["people"] or 0,
            "share": round(100 * row["workshops"] / held) if held else 0,
        }
        for row in Attendance.objects.filter(
            workshop__status=WorkshopStatus.HELD,
            workshop__starts_at__date__gte=start,
            workshop__starts_at__date__lte=end,
            people__gt=0,
        )
        .values("organisation__name")
        .annotate(workshops=Count("workshop", distinct=True), people=Sum("people"))
        .order_by("-workshops", "organisation__name")
    ]

    closed = PrioritisationRound.objects.filter(
        status=RoundStatus.CLOSED, closed_at__date__gte=start, closed_at__date__lte=end
    )
    rounds = list(closed.order_by("closed_at"))
    results_by_round = defaultdict(list)
    # A subquery rather than the list, so the query runs (and is counted) even with no round.
    for result in RoundResult.objects.filter(round__in=closed.values("pk")).select_related(
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
                "quadrant": str(QUADRANTS[result.quadrant]),
            }
        )
    rounds_data = [
        {
            "title": r.title,
            "closed_on": r.closed_at.date(),
            "results": results_by_round[r.pk],
        }
        for r in rounds
    ]
    needs_prioritised = [
        {
            "focus_area": pick(row["focus_area__name_sv"], row["focus_area__name_en"]),
            "count": row["n"],
        }
        for row in Need.objects.filter(
            prioritised_at__date__gte=start, prioritised_at__date__lte=end
        )
        .values("focus_area__name_sv", "focus_area__name_en", "focus_area__position")
        .annotate(n=Count("pk"))
        .order_by("focus_area__position")
    ]

    active = Initiative.objects.filter(starts_on__lte=end, ends_on__gte=start).exclude(
        step=InitiativeStep.NEEDS
    )
    step_counts = dict(active.order_by().values_list("step").annotate(n=Count("pk")))
    labels = dict(InitiativeStep.choices)
    steps = [
        {"step": str(labels[step]), "count": step_counts.get(step, 0)}
        for step in (*BOARD_STEPS[1:], InitiativeStep.REJECTED, InitiativeStep.WITHDRAWN)
        if step_counts.get(step, 0) or step in BOARD_STEPS
    ]
    started = (
        Initiative.objects.filter(starts_on__gte=start, starts_on__lte=end)
        .exclude(step=InitiativeStep.NEEDS)
        .count()
    )
    completed = InitiativeStepChange.objects.filter(
        to_step=InitiativeStep.COMPLETED, at__date__gte=start, at__date__lte=end
    ).count()

    follow_ups = FollowUp.objects.filter(period_end__gte=start, period_end__lte=end)
    reached = dict(
        FollowUpReach.objects.filter(follow_up__in=follow_ups)
        .values_list("follow_up__initiative_id")
        .annotate(n=Sum("participants"))
        .order_by()
    )
    reach = [
        {
            "initiative": pick(row["initiative__title_sv"], row["initiative__title_en"]),
            "step": str(labels[row["initiative__step"]]),
            "follow_ups": row["reports"],
            "activities": row["activities"],
            "participants": reached.get(row["initiative_id"], 0),
            "spent": row["spent"],
        }
        for row in follow_ups.values(
            "initiative_id", "initiative__title_sv", "initiative__title_en", "initiative__step"
        )
        .annotate(reports=Count("pk"), activities=Sum("activities"), spent=Sum("money_spent"))
        .order_by("initiative__title_sv", "initiative_id")
    ]
    by_group = [
        {
            "target_group": pick(row["target_group__name_sv"], row["target_group__name_en"]),
            "participants": row["n"],
        }
        for row in FollowUpReach.objects.filter(follow_up__in=follow_ups)
        .values("target_group__name_sv", "target_group__name_en", "target_group__position")
        .annotate(n=Sum("participants"))
        .order_by("target_group__position")
    ]

    money = ledger.period_totals(start=start, end=end)
    spent = sum((row["spent"] for row in reach), Decimal(0))

    indicators = list(Indicator.objects.select_related("focus_area"))
    series: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for indicator_id, period, value in (
        DataPoint.objects.filter(
            target_group=None, period__gte=str(start.year - 2), period__lt=str(end.year + 1)
        )
        .order_by("period")
        .values_list("indicator_id", "period", "value")
    ):
        series[indicator_id][period] = value
    trends = []
    for indicator in indicators:
        values = series.get(indicator.pk)
        if not values:
            continue
        periods = sorted(values)
        first, last = values[periods[0]], values[periods[-1]]
        change = last - first
        better = (change > 0) if indicator.direction == "higher" else (change < 0)
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
                "change": change,
                "verdict": _("Better")
                if better
                else (_("Unchanged") if change == 0 else _("Worse")),
            }
        )

    lessons = [
        {
            "initiative": e.initiative.title,
            "recommendation": e.get_recommendation_display(),
            "lessons": e.lessons,
            "evaluated_on": e.evaluated_at.date(),
        }
        for e in Evaluation.objects.filter(
            evaluated_at__date__gte=start, evaluated_at__date__lte=end
        )
        .select_related("initiative")
        .order_by("evaluated_at", "pk")
    ]

    summary = [
        {"figure": _("Workshops held"), "value": held},
        {
            "figure": _("People from organisations at workshops"),
            "value": sum(w["people"] for w in workshops),
        },
        {"figure": _("Residents at workshops"), "value": sum(w["residents"] for w in workshops)},
        {"figure": _("Needs prioritised"), "value": sum(n["count"] for n in needs_prioritised)},
        {"figure": _("Initiatives active"), "value": sum(step_counts.values())},
        {"figure": _("Initiatives started"), "value": started},
        {"figure": _("Initiatives completed"), "value": completed},
        {"figure": _("Participants reached"), "value": sum(r["participants"] for r in reach)},
        {"figure": _("Money paid in (SEK)"), "value": money["raised"]},
        {"figure": _("Money allocated (SEK)"), "value": money["allocated"]},
        {"figure": _("Money disbursed (SEK)"), "value": money["disbursed"]},
        {"figure": _("Money spent by initiatives (SEK)"), "value": spent},
    ]
    data = {
        "kind": ReportKind.PERIOD.value,
        "language": active_language(),
        "collaboration": collaboration(),
        "title": _("Period report"),
        "subject": f"{start:%Y-%m-%d} – {end:%Y-%m-%d}",
        "start": start,
        "end": end,
        "summary": summary,
        "workshops": workshops,
        "attendance": attendance,
        "rounds": rounds_data,
        "needs_prioritised": needs_prioritised,
        "steps": steps,
        "reach": reach,
        "reach_by_group": by_group,
        "money": {
            "raised": money["raised"],
            "pledged": money["pledged"],
            "allocated": money["allocated"],
            "disbursed": money["disbursed"],
            "spent": spent,
        },
        "money_by_focus_area": money["by_focus_area"],
        "money_by_funder": money["by_funder"],
        "trends": trends,
        "lessons": lessons,
    }
    data["tables"] = _period_tables(data)
    return data


def _period_tables(data: dict) -> list[dict]:
    trend_rows = [
        {"indicator": t["indicator"], "unit": t["unit"], "period": period, "value": value}
        for t in data["trends"]
        for period, value in sorted(t["values"].items())
    ]
    result_rows = [
        {"round": r["title"], **result} for r in data["rounds"] for result in r["results"]
    ]
    sek = _("SEK; empty when not recorded")
    return [
        table(
            "summary.csv",
            _("Key figures"),
            [("figure", _("Figure"), _("What is counted")), ("value", _("Value"), sek)],
            data["summary"],
        ),
        table(
            "workshops.csv",
            _("Workshops held"),
            [
                ("date", _("Date"), _("Day of the workshop")),
                ("theme", _("Theme"), _("Theme of the workshop")),
                ("organisations", _("Organisations"), _("Organisations that sent someone")),
                ("people", _("People"), _("People from the organisations")),
                ("residents", _("Residents"), _("Residents who came")),
            ],
            data["workshops"],
        ),
        table(
            "attendance_by_organisation.csv",
            _("Attendance by organisation"),
            [
                ("organisation", _("Organisation"), _("Member organisation")),
                ("workshops", _("Workshops"), _("Workshops it attended in the period")),
                ("people", _("People"), _("People it sent, all workshops together")),
                ("share", _("Share (%)"), _("Share of the period's workshops it attended")),
            ],
            data["attendance"],
        ),
        table(
            "prioritisation_results.csv",
            _("Needs prioritised"),
            [
                ("round", _("Round"), _("Prioritisation round closed in the period")),
                ("rank", _("Rank"), _("Place of the need in the round")),
                ("need", _("Need"), _("The need")),
                ("focus_area", _("Focus area"), _("Focus area of the need")),
                ("urgency", _("Urgency"), _("Mean urgency, 1 to 5")),
                ("capacity", _("Capacity"), _("Mean capacity to meet it, 1 to 5")),
                ("organisations", _("Organisations"), _("Organisations that scored")),
                ("quadrant", _("Quadrant"), _("Where the need falls in the matrix")),
            ],
            result_rows,
        ),
        table(
            "initiatives_per_step.csv",
            _("Initiatives per step"),
            [
                ("step", _("Step"), _("Step of the process")),
                (
                    "count",
                    _("Initiatives"),
                    _("Initiatives active in the period standing at this step"),
                ),
            ],
            data["steps"],
        ),
        table(
            "initiative_reach.csv",
            _("What the initiatives reached"),
            [
                ("initiative", _("Initiative"), _("Initiative that reported in the period")),
                ("step", _("Step"), _("Where it stands now")),
                ("follow_ups", _("Follow-ups"), _("Follow-ups reported in the period")),
                ("activities", _("Activities"), _("Activities held")),
                ("participants", _("Participants"), _("Participants reached")),
                ("spent", _("Spent (SEK)"), _("Money spent")),
            ],
            data["reach"],
        ),
        table(
            "money_by_focus_area.csv",
            _("Money per focus area"),
            [
                ("name", _("Focus area"), _("Focus area")),
                ("allocated", _("Allocated (SEK)"), sek),
                ("disbursed", _("Disbursed (SEK)"), sek),
            ],
            data["money_by_focus_area"],
        ),
        table(
            "money_by_funder.csv",
            _("Money per funder"),
            [
                ("name", _("Funder"), _("Funder")),
                (
                    "pledged",
                    _("Pledged in the period (SEK)"),
                    _("SEK; the pledges made in the period"),
                ),
                (
                    "received",
                    _("Paid in during the period (SEK)"),
                    _(
                        "SEK; all money paid in during the period, also on pledges made before "
                        "it, so it can be more than what was pledged in the period"
                    ),
                ),
            ],
            data["money_by_funder"],
        ),
        table(
            "indicator_trends.csv",
            _("Indicator trends"),
            [
                ("indicator", _("Indicator"), _("The statistic")),
                ("unit", _("Unit"), _("Unit of the value")),
                ("period", _("Period"), _("Year, half, quarter or month")),
                ("value", _("Value"), _("Value for all residents")),
            ],
            trend_rows,
        ),
        table(
            "lessons.csv",
            _("Lessons from evaluations"),
            [
                ("initiative", _("Initiative"), _("Initiative evaluated in the period")),
                ("recommendation", _("Recommendation"), _("The evaluator's recommendation")),
                ("lessons", _("Lessons"), _("What the collaboration learnt")),
                ("evaluated_on", _("Evaluated on"), _("Date of the evaluation")),
            ],
            data["lessons"],
        ),
    ]


# --------------------------------------------------------------------------------------------
# The public open-data package


def open_data() -> list[dict]:
    """Everything public, as tables: initiatives, needs, round results, indicators, money."""
    initiatives = [
        {
            "id": i.pk,
            "title_sv": i.title_sv,
            "title_en": i.title_en,
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
    needs = [
        {
            "id": n.pk,
            "title_sv": n.title_sv,
            "title_en": n.title_en,
            "focus_area": n.focus_area.name_sv,
            "status": n.status,
            "prioritised_at": n.prioritised_at.date() if n.prioritised_at else None,
        }
        for n in Need.objects.select_related("focus_area").order_by("pk")
    ]
    results = [
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
    points = [
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
    money = ledger.public_totals()
    return [
        table(
            "initiatives.csv",
            "Initiatives",
            [
                ("id", "id", "Number of the initiative on the portal (/initiatives/<id>/)"),
                ("title_sv", "title_sv", "Title in Swedish"),
                ("title_en", "title_en", "Title in English (may be empty)"),
                ("focus_area", "focus_area", "Focus area"),
                ("lead_organisation", "lead_organisation", "Organisation that leads it"),
                (
                    "step",
                    "step",
                    "Step of the process: proposal, decision, funding, execution, evaluation,"
                    " completed, parked, rejected or withdrawn",
                ),
                ("budget", "budget", "Requested budget in SEK"),
                ("starts_on", "starts_on", "Planned start (YYYY-MM-DD)"),
                ("ends_on", "ends_on", "Planned end (YYYY-MM-DD)"),
            ],
            initiatives,
        ),
        table(
            "needs.csv",
            "Needs",
            [
                ("id", "id", "Number of the need on the portal"),
                ("title_sv", "title_sv", "Title in Swedish"),
                ("title_en", "title_en", "Title in English (may be empty)"),
                ("focus_area", "focus_area", "Focus area"),
                ("status", "status", "identified, prioritised, being_met, met or set_aside"),
                ("prioritised_at", "prioritised_at", "Date it was prioritised"),
            ],
            needs,
        ),
        table(
            "prioritisation_results.csv",
            "Prioritisation results",
            [
                ("round", "round", "Prioritisation round (closed)"),
                ("closed_at", "closed_at", "Date the round closed"),
                ("rank", "rank", "Place of the need in the round"),
                ("need_id", "need_id", "Number of the need (needs.csv)"),
                ("need", "need", "Title of the need in Swedish"),
                ("urgency", "urgency", "Mean urgency given by the organisations, 1 to 5"),
                ("capacity", "capacity", "Mean capacity to meet it, 1 to 5"),
                ("organisations", "organisations", "Organisations that scored"),
            ],
            results,
        ),
        table(
            "indicators.csv",
            "Indicators",
            [
                ("indicator", "indicator", "Short name of the indicator"),
                ("name", "name", "Name in Swedish"),
                ("unit", "unit", "Unit of the value"),
                ("source", "source", "Where the statistic comes from"),
                ("period", "period", "Year, half (H1/H2), quarter (Q1-Q4) or month"),
                ("target_group", "target_group", "Target group; empty for all residents"),
                ("value", "value", "The value"),
            ],
            points,
        ),
        table(
            "funding_per_initiative.csv",
            "Funding per initiative",
            [
                ("initiative", "initiative", "Title of the initiative"),
                ("allocated", "allocated", "SEK allocated; empty when not recorded"),
                ("disbursed", "disbursed", "SEK disbursed; empty when not recorded"),
            ],
            money["per_initiative"],
        ),
        table(
            "funding_per_funder.csv",
            "Funding per funder",
            [
                ("funder", "funder", "Funder"),
                ("pledged", "pledged", "SEK pledged"),
                ("received", "received", "SEK received"),
            ],
            money["per_funder"],
        ),
    ]
