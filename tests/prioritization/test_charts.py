"""The indicator line chart: end labels that never overlap, and period names that never touch."""

from decimal import Decimal
from itertools import pairwise

import pytest

from actors.charts import text_width
from prioritization.charts import (
    BOTTOM,
    FONT_SIZE,
    HEIGHT,
    LINE_HEIGHT,
    TOP,
    WIDTH,
    line_chart,
    spread,
)


def series(*ends, years=("2021", "2022", "2023", "2024", "2025")):
    return [
        (name, {year: Decimal(end) - len(years) + i for i, year in enumerate(years)})
        for name, end in ends
    ]


def test_spread_keeps_positions_apart_within_the_bounds():
    assert spread([100, 101, 102], 0, 300, 16) == [100, 116, 132]
    assert spread([299, 298], 0, 300, 16) == [300, 284]
    assert spread([50, 10], 0, 300, 16) == [50, 10]  # far enough apart: left where they are


@pytest.mark.parametrize(
    "ends",
    [
        # all residents and two target groups, as the demo indicators have them
        [("Alla invånare", "63"), ("Barn 13–16 år", "67"), ("Unga 16–25 år", "61")],
        [("Samma värde", "40"), ("Också samma värde", "40"), ("Ännu ett", "40.2")],
        [("Högst", "100"), ("Nästan högst", "99.5")],
        [("Lägst", "0"), ("Nästan lägst", "0.5"), ("Också nära noll", "0.2")],
    ],
)
def test_end_labels_do_not_overlap_and_stay_in_the_chart(ends):
    chart = line_chart(series(*ends))
    boxes = sorted(
        (s.label_y - LINE_HEIGHT / 2, s.label_y + LINE_HEIGHT / 2) for s in chart["series"]
    )
    assert all(top >= TOP - LINE_HEIGHT / 2 for top, _bottom in boxes)
    assert all(bottom <= HEIGHT - BOTTOM + LINE_HEIGHT / 2 for _top, bottom in boxes)
    assert all(bottom <= next_top for (_t, bottom), (next_top, _b) in pairwise(boxes))
    for s in chart["series"]:
        assert s.label_x + text_width(s.end_label, FONT_SIZE) <= WIDTH


def test_a_long_series_name_is_shortened_to_the_room_it_has():
    chart = line_chart(series(("Unga som rör sig minst 60 minuter om dagen", "42")))
    label = chart["series"][0].end_label
    assert label.endswith("…") and label.startswith("Unga som rör sig")


def test_monthly_periods_are_named_without_touching():
    months = tuple(f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13))
    chart = line_chart(series(("Alla", "50"), years=months))
    ticks = chart["x_ticks"]
    boxes = [(t["x"] - t["width"] / 2, t["x"] + t["width"] / 2) for t in ticks]
    assert all(right < next_left for (_l, right), (next_left, _r) in pairwise(boxes))
    assert ticks[-1]["label"] == "2025-12" and len(ticks) < len(months)
