"""The follow-up chart: each period named once, names that never touch, a legend for each colour."""

import datetime
from itertools import pairwise
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from initiatives.charts import WIDTH, follow_up_chart, period_labels
from initiatives.choices import FollowUpStatus


def periods(count, *, days=30, start=datetime.date(2026, 1, 1), status=FollowUpStatus.ON_TRACK):
    """Follow-ups of `days` days back to back, as the demo reports them."""
    return [
        SimpleNamespace(
            period_start=start + datetime.timedelta(days=days * n),
            period_end=start + datetime.timedelta(days=days * n + days - 1),
            participants=10 + n,
            status=status,
        )
        for n in range(count)
    ]


def test_thirty_day_periods_are_each_named_once():
    # Two of these periods end in March 2026 (the 1st and the 31st): named by their end month,
    # the chart said "2026-03" twice.
    follow_ups = periods(12)
    assert [f"{f.period_end:%Y-%m}" for f in follow_ups].count("2026-03") == 2
    labels = period_labels(follow_ups)
    assert len(set(labels)) == len(labels)
    assert labels[:3] == ["2026-01", "2026-02", "2026-03"]


def test_periods_sharing_a_month_are_named_by_their_dates():
    labels = period_labels(periods(4, days=14))
    assert labels == ["2026-01-14", "2026-01-28", "2026-02-11", "2026-02-25"]


@pytest.mark.parametrize(("count", "days"), [(1, 30), (3, 30), (12, 30), (40, 30), (30, 14)])
def test_the_period_names_never_touch_and_stay_in_the_chart(count, days):
    chart = follow_up_chart(periods(count, days=days))
    boxes = [
        (label["x"] - label["width"] / 2, label["x"] + label["width"] / 2)
        for label in chart["labels"]
    ]
    assert boxes and all(left >= 0 and right <= WIDTH for left, right in boxes)
    assert all(right < next_left for (_l, right), (next_left, _r) in pairwise(boxes))
    shown = [label["text"] for label in chart["labels"]]
    assert len(set(shown)) == len(shown)
    assert chart["labels"][-1]["x"] == chart["bars"][-1]["label_x"]  # the latest is named


def test_the_legend_names_every_colour_drawn_and_no_other():
    follow_ups = periods(2) + periods(1, start=datetime.date(2026, 3, 1), status="at_risk")
    chart = follow_up_chart(follow_ups)
    assert [entry["status"] for entry in chart["legend"]] == ["on_track", "at_risk"]
    html = render_to_string(
        "initiatives/partials/_follow_ups.html", {"chart": chart, "follow_ups": follow_ups}
    )
    legend = html[html.index("<figcaption") :]
    for bar in chart["bars"]:
        assert f'class="bar status-{bar["status"]}"' in legend
    assert "I riskzonen" in legend and "Enligt plan" in legend and "Avviker" not in legend
