"""Inline SVG charts, computed here so templates only place shapes.

Each series gets its own marker shape and dash pattern and is labelled at its end, so the chart
reads without colour; the page shows the same numbers in a table. End labels that would overlap
are moved apart, and shortened to the room right of the plot.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from actors.charts import fit, text_width

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 190, 16, 40
FONT_SIZE = 13
LINE_HEIGHT = 16  # px between the middles of two end labels
LABEL_OFFSET = 8  # px from a series' last point to its label
TICK_GAP = 8  # px between two period names under the plot
MARKERS = ["circle", "square", "triangle", "diamond"]
DASHES = ["", "6 4", "2 3", "10 3 2 3"]
COLOURS = ["#0b5d57", "#8a3b00", "#3d3d99", "#5c5c5c"]


@dataclass
class Point:
    x: float
    y: float
    period: str
    value: Decimal


@dataclass
class Series:
    label: str
    points: list[Point]
    marker: str
    dash: str
    colour: str
    end_label: str = ""  # the label as drawn, shortened to fit
    label_x: float = field(default=0.0)
    label_y: float = field(default=0.0)

    @property
    def label_moved(self) -> bool:
        """Whether the label sits away from the last point (then a short line joins them)."""
        return abs(self.label_y - self.end.y) > 1

    @property
    def path(self) -> str:
        return " ".join(
            f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points)
        )

    @property
    def end(self) -> Point:
        return self.points[-1]


def _nice_step(raw: Decimal) -> Decimal:
    """The smallest of 1, 2 or 5 times a power of ten that is at least `raw`."""
    power = Decimal(10) ** (raw.adjusted())
    for factor in (1, 2, 5, 10):
        if power * factor >= raw:
            return power * factor
    return power * 10


def spread(wanted: list[float], low: float, high: float, gap: float) -> list[float]:
    """Positions as near to `wanted` as they can be while at least `gap` apart and within
    [low, high] (when there is room for them all), in the order given."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [min(max(wanted[i], low), high) for i in order]
    for k in range(1, len(placed)):  # push down what sits too close under the one above
        placed[k] = max(placed[k], placed[k - 1] + gap)
    if placed and placed[-1] > high:  # then up from the bottom, as far as the top allows
        placed[-1] = high
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
        shift = low - placed[0]
        if shift > 0:
            placed = [y + shift for y in placed]
    result = [0.0] * len(wanted)
    for k, i in enumerate(order):
        result[i] = placed[k]
    return result


def _x_ticks(periods: list[str], x_of: dict, x_step: float) -> list[dict]:
    """A name under each period, or under every second (third, …) when they would touch; the
    latest always."""
    widest = max(text_width(period, FONT_SIZE) for period in periods)
    every = math.ceil((widest + TICK_GAP) / x_step) if len(periods) > 1 else 1
    return [
        {"x": x_of[period], "label": period, "width": text_width(period, FONT_SIZE)}
        for index, period in enumerate(periods)
        if (len(periods) - 1 - index) % every == 0
    ]


def _label(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def line_chart(series_values: list[tuple[str, dict[str, Decimal]]]) -> dict | None:
    """A line chart of several series of {period: value}; None when there is nothing to draw."""
    series_values = [(label, values) for label, values in series_values if values]
    if not series_values:
        return None
    periods = sorted({period for _label, values in series_values for period in values})
    all_values = [value for _label, values in series_values for value in values.values()]
    low, high = min(all_values), max(all_values)
    low = min(low, Decimal(0)) if low >= 0 else low
    step = _nice_step((high - low) / 4 if high > low else Decimal(1))
    low = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    high = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if high == low:
        high = low + step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    x_step = plot_w / max(len(periods) - 1, 1)
    x_of = {
        period: LEFT + (i * x_step if len(periods) > 1 else plot_w / 2)
        for i, period in enumerate(periods)
    }

    def y_of(value: Decimal) -> float:
        return TOP + plot_h - float((value - low) / (high - low)) * plot_h

    series = [
        Series(
            label=label,
            points=[Point(x_of[p], y_of(values[p]), p, values[p]) for p in periods if p in values],
            marker=MARKERS[i % len(MARKERS)],
            dash=DASHES[i % len(DASHES)],
            colour=COLOURS[i % len(COLOURS)],
        )
        for i, (label, values) in enumerate(series_values)
    ]
    label_ys = spread([s.end.y for s in series], TOP, HEIGHT - BOTTOM, LINE_HEIGHT)
    for s, label_y in zip(series, label_ys, strict=True):
        s.label_x, s.label_y = s.end.x + LABEL_OFFSET, label_y
        s.end_label = fit(s.label, WIDTH - s.label_x, FONT_SIZE)
    ticks = []
    tick = low
    while tick <= high:
        ticks.append(tick)
        tick += step
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "font_size": FONT_SIZE,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "series": series,
        "x_ticks": _x_ticks(periods, x_of, x_step),
        "y_ticks": [{"y": y_of(t), "label": _label(t)} for t in ticks],
        "periods": periods,
    }


MATRIX = 400
PAD = 48


def matrix_chart(results) -> dict:
    """The 2×2 prioritisation matrix: urgency across, capacity up, 1–5 on both axes."""
    span = MATRIX - 2 * PAD

    def pos(value: Decimal) -> float:
        return PAD + float(value - 1) / 4 * span

    dots = [
        {
            "x": pos(r.urgency),
            "y": MATRIX - pos(r.capacity),
            "rank": r.rank,
            "result": r,
        }
        for r in results
    ]
    mid = pos(Decimal(3))
    return {
        "size": MATRIX,
        "centre": MATRIX // 2,
        "pad": PAD,
        "far": MATRIX - PAD,
        "mid_x": mid,
        "mid_y": MATRIX - mid,
        "dots": dots,
        "ticks": [
            {"value": v, "x": pos(Decimal(v)), "y": MATRIX - pos(Decimal(v))} for v in range(1, 6)
        ],
    }
