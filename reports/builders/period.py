"""The period report: what the whole collaboration did between two dates."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from actors.i18n import active_language
from actors.models import District
from funding import selectors as ledger
from initiatives import statistics as initiatives
from initiatives.choices import WayOfWorking
from prioritization import statistics as prioritization
from workshops import statistics as workshops

from ..choices import ReportKind
from . import collaboration, table


def build(
    start: datetime.date, end: datetime.date, district: District | None = None, way: str = ""
) -> dict:
    """Each app's figures for the period, with the key figures and the tables of the data package.

    For a district: its workshops, needs, rounds' results and initiatives with the whole
    collaboration's (those concern every district). The pooled fund's money and the indicators
    belong to the whole collaboration and are reported whole; the report says so. For a way of
    working (`way`, initiatives.choices.WayOfWorking): the initiatives of that way alone.

    Queries, whatever the amount of data: site settings (1, cached), workshops held (1),
    attendance by organisation (1), rounds closed (1) and their results (1), needs prioritised
    (1), initiatives per step (1), started and completed (2), reach per initiative (2) and per
    target group (1), money (funding.selectors.period_totals: 3), indicators (1) and their data
    points (1), evaluations (1).
    """
    period = {"start": start, "end": end, "district": district}
    # The initiatives' figures, of one way of working when asked.
    initiatives_of = {**period, "way": way or None}
    held = workshops.workshops_held(**period)
    steps = initiatives.step_counts(**initiatives_of)
    reach = initiatives.reach(**initiatives_of)
    needs_prioritised = prioritization.needs_prioritised(**period)
    money = ledger.period_totals(start=start, end=end)
    subject = f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"
    way_name = str(WayOfWorking(way).label) if way else ""
    spent = sum((row["spent"] for row in reach), Decimal(0))
    data = {
        "kind": ReportKind.PERIOD.value,
        "language": active_language(),
        "collaboration": collaboration(),
        "title": _("Period report"),
        "subject": " · ".join(filter(None, (subject, district and district.name, way_name))),
        "district": district.name if district else "",
        "way": way_name,
        "start": start,
        "end": end,
        "workshops": held,
        "attendance": workshops.attendance_by_organisation(**period, held=len(held)),
        "rounds": prioritization.rounds_closed(**period),
        "needs_prioritised": needs_prioritised,
        "steps": steps.steps,
        "reach": reach,
        "reach_by_group": initiatives.reach_by_target_group(**initiatives_of),
        "money": {
            "raised": money["raised"],
            "pledged": money["pledged"],
            "allocated": money["allocated"],
            "disbursed": money["disbursed"],
            "spent": spent,
        },
        "money_by_focus_area": money["by_focus_area"],
        "money_by_funder": money["by_funder"],
        "trends": prioritization.indicator_trends(start=start, end=end),
        "lessons": initiatives.lessons(**initiatives_of),
    }
    data["summary"] = [
        {"figure": _("Workshops held"), "value": len(held)},
        {
            "figure": _("People from organisations at workshops"),
            "value": sum(w["people"] for w in held),
        },
        {"figure": _("Residents at workshops"), "value": sum(w["residents"] for w in held)},
        {"figure": _("Needs prioritised"), "value": sum(n["count"] for n in needs_prioritised)},
        {"figure": _("Initiatives active"), "value": steps.active},
        {
            "figure": _("Initiatives started"),
            "value": initiatives.started_count(**initiatives_of),
        },
        {
            "figure": _("Initiatives completed"),
            "value": initiatives.completed_count(**initiatives_of),
        },
        {"figure": _("Participants reached"), "value": sum(r["participants"] for r in reach)},
        {"figure": _("Money paid in (SEK)"), "value": money["raised"]},
        {"figure": _("Money allocated (SEK)"), "value": money["allocated"]},
        {"figure": _("Money disbursed (SEK)"), "value": money["disbursed"]},
        {"figure": _("Money spent by initiatives (SEK)"), "value": spent},
    ]
    data["tables"] = _tables(data)
    return data


def _tables(data: dict) -> list[dict]:
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
