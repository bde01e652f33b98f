"""Inline SVG charts for the PDF reports, computed here so the templates only place shapes.

Every chart prints its numbers beside the shapes and the report has the same figures in a table,
so it reads in black and white. The line charts and the prioritisation matrix are the ones the
prioritisation pages draw (prioritization.charts).
"""

from decimal import Decimal
from types import SimpleNamespace

from actors.charts import fit
from prioritization.charts import line_chart, matrix_chart

WIDTH = 640
LABEL_WIDTH = 230
LABEL_GAP = 8  # px between a bar's name and the bar
ROW = 22
FONT_SIZE = 11


def _number(value) -> str:
    if isinstance(value, Decimal):
        value = (
            value.quantize(Decimal(1)) if value == value.to_integral_value() else round(value, 1)
        )
    return f"{value:,}".replace(",", "\u202f")


def bar_chart(rows: list[tuple[str, object]]) -> dict | None:
    """Horizontal bars, one per (label, value); values that are not recorded (None) are left out."""
    rows = [(label, value) for label, value in rows if value is not None]
    if not rows or not any(value for _label, value in rows):
        return None
    top = max(Decimal(value) for _label, value in rows) or Decimal(1)
    span = WIDTH - LABEL_WIDTH - 90
    bars = []
    for index, (label, value) in enumerate(rows):
        length = float(Decimal(value) / top) * span
        y = 4 + index * ROW
        bars.append(
            {
                # Names end at the bars; a long one is shortened so it starts inside the page.
                "label": fit(str(label), LABEL_WIDTH - LABEL_GAP, FONT_SIZE),
                "y": y,
                "text_y": y + ROW * 0.65,
                "x": LABEL_WIDTH,
                "width": round(max(length, 1), 1),
                "value": _number(value),
                "value_x": round(LABEL_WIDTH + length + 6, 1),
            }
        )
    return {
        "width": WIDTH,
        "height": 8 + len(rows) * ROW,
        "bars": bars,
        "label_x": LABEL_WIDTH - LABEL_GAP,
        "font_size": FONT_SIZE,
    }


def trend_chart(series: list[tuple[str, dict]]) -> dict | None:
    return line_chart([(label, values) for label, values in series if values])


def matrix(results: list[dict]) -> dict | None:
    if not results:
        return None
    return matrix_chart([SimpleNamespace(**result) for result in results])


def initiative_charts(data: dict) -> dict:
    from django.utils.translation import gettext as _

    measures = []
    for outcome in data["outcomes"]:
        for measure in outcome["measures"]:
            measured = {point["period"]: point["value"] for point in measure["measured"]}
            measures.append(
                trend_chart(
                    [
                        (_("Statistics"), measure["statistics"]),
                        (_("Measured in follow-ups"), measured),
                    ]
                )
            )
    return {
        "funding": bar_chart([(row["figure"], row["amount"]) for row in data["funding_rows"][:5]]),
        "participants": bar_chart(
            [
                (f"{f['period_start']:%Y-%m-%d} – {f['period_end']:%Y-%m-%d}", f["participants"])
                for f in data["follow_ups"]
            ]
        ),
        "measures": measures,
    }


def period_charts(data: dict) -> dict:
    return {
        "attendance": bar_chart(
            [(row["organisation"], row["workshops"]) for row in data["attendance"]]
        ),
        "matrices": [matrix(r["results"]) for r in data["rounds"]],
        "steps": bar_chart([(row["step"], row["count"]) for row in data["steps"]]),
        "reach_by_group": bar_chart(
            [(row["target_group"], row["participants"]) for row in data["reach_by_group"]]
        ),
        "money": bar_chart(
            [(row["name"], row["allocated"]) for row in data["money_by_focus_area"]]
        ),
        "trends": [trend_chart([(t["indicator"], t["values"])]) for t in data["trends"]],
    }
