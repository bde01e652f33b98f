"""Inline SVG bar charts of the fund, computed here so templates only place shapes.

Each row has two bars: the first series solid, the second hatched, each with its value written
at its end, so the chart reads without colour. The page shows the same figures in a table.
"""

from decimal import Decimal

from django.utils.formats import number_format

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 110
BAR, GAP, ROW_GAP, TOP = 14, 3, 14, 8


def _nice_top(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value`."""
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** value.adjusted()
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if power * factor >= value:
            return power * factor
    return power * 10


def _short(label: str, length: int = 34) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def sek(value: Decimal) -> str:
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def paired_bars(rows: list[tuple[str, Decimal, Decimal]], series: tuple[str, str]) -> dict | None:
    """Rows of (label, first value, second value) as two bars each; None when all are zero."""
    rows = [(label, max(a, Decimal(0)), max(b, Decimal(0))) for label, a, b in rows]
    if not rows or not any(a or b for _label, a, b in rows):
        return None
    top = _nice_top(max(max(a, b) for _label, a, b in rows))
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    step = 2 * BAR + GAP + ROW_GAP
    drawn = []
    for index, (label, first, second) in enumerate(rows):
        y = TOP + index * step
        bars = []
        for position, value in enumerate((first, second)):
            width = round(float(Decimal(plot) * value / top), 1)
            bar_y = y + position * (BAR + GAP)
            bars.append(
                {
                    "x": LABEL_WIDTH,
                    "y": bar_y,
                    "width": width,
                    "height": BAR,
                    "text_x": round(LABEL_WIDTH + width + 4, 1),
                    "text_y": bar_y + BAR - 3,
                    "value": sek(value),
                    "series": series[position],
                    "hatched": position == 1,
                }
            )
        drawn.append({"label": _short(label), "label_y": y + BAR + 2, "bars": bars})
    height = TOP + len(rows) * step + 8
    return {
        "width": WIDTH,
        "height": height,
        "axis_x": LABEL_WIDTH,
        "axis_bottom": height - 6,
        "rows": drawn,
        "series": series,
        "top": sek(top),
    }
