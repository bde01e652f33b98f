"""Geometry for the follow-up chart: participants reached per period, as inline SVG bars.

A bar takes the colour of its follow-up's status, and the legend names every status drawn. Each
period is named once under its bar; when the names would not fit side by side, only every second
(third, …) one is written, the latest always.
"""

import datetime
import math

from actors.charts import text_width

from .choices import FollowUpStatus

WIDTH, HEIGHT, PAD, LABEL = 640, 220, 24, 40
FONT_SIZE = 12
LABEL_GAP = 8  # px between two period names


def _middle(follow_up) -> datetime.date:
    return follow_up.period_start + (follow_up.period_end - follow_up.period_start) / 2


def period_labels(follow_ups) -> list[str]:
    """A name for each period that no other period shares: the month most of it falls in, else
    its last day, else its first and last day."""
    namings = [
        lambda f: f"{_middle(f):%Y-%m}",
        lambda f: f"{f.period_end:%Y-%m-%d}",
        lambda f: f"{f.period_start:%Y-%m-%d} – {f.period_end:%Y-%m-%d}",
    ]
    for naming in namings:
        labels = [naming(follow_up) for follow_up in follow_ups]
        if len(set(labels)) == len(labels):
            break
    return labels


def follow_up_chart(follow_ups) -> dict | None:
    """Bars for each follow-up period, scaled to the largest; None when there is nothing to draw."""
    if not follow_ups:
        return None
    values = [follow_up.participants for follow_up in follow_ups]
    names = period_labels(follow_ups)
    name_width = max(text_width(name, FONT_SIZE) for name in names)
    # The outer names are centred on the outer bars: keep half a name's width free at each side.
    side = max(PAD, math.ceil(name_width / 2))
    top = max(values) or 1
    slot = (WIDTH - 2 * side) / len(follow_ups)
    bar_width = min(slot * 0.6, 60)
    plot_height = HEIGHT - PAD - LABEL
    every = math.ceil((name_width + LABEL_GAP) / slot)
    bars, labels = [], []
    for index, (follow_up, value, name) in enumerate(zip(follow_ups, values, names, strict=True)):
        height = plot_height * value / top
        x = side + index * slot + (slot - bar_width) / 2
        centre = round(x + bar_width / 2, 1)
        bars.append(
            {
                "x": round(x, 1),
                "y": round(PAD + plot_height - height, 1),
                "width": round(bar_width, 1),
                "height": round(height, 1),
                "value": value,
                "label_x": centre,
                "status": follow_up.status,
            }
        )
        if (len(follow_ups) - 1 - index) % every == 0:
            labels.append({"x": centre, "text": name, "width": text_width(name, FONT_SIZE)})
    drawn = {bar["status"] for bar in bars}
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "font_size": FONT_SIZE,
        "baseline": PAD + plot_height,
        "bars": bars,
        "labels": labels,
        "legend": [
            {"status": status.value, "label": status.label}
            for status in FollowUpStatus
            if status in drawn
        ],
    }
