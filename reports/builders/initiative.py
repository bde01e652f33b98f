"""The evaluation report of one initiative: its whole thread, from the need to the evaluation."""

from django.utils.translation import gettext as _

from actors.i18n import active_language
from funding import selectors as ledger
from initiatives.statistics import initiative_record

from ..choices import ReportKind
from . import collaboration, table


def build(initiative_id: int) -> dict:
    """The initiative's record and its money, with the tables of the data package.

    Queries, whatever the initiative has: its record (14, see
    initiatives.statistics.initiative_record) and its money (1), plus the site settings when
    they are not cached.
    """
    record = initiative_record(initiative_id)
    funding = ledger.initiative_funding(initiative_id)
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
        "subject": record["initiative"]["title"],
        **record,
        "funding": funding,
        "funding_rows": [
            {"figure": label, "amount": funding.get(key)} for key, label in money_labels
        ],
    }
    data["tables"] = _tables(data)
    return data


def _tables(data: dict) -> list[dict]:
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
