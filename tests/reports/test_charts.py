"""The PDF bar charts: names and figures stay inside the chart, however long the names."""

from decimal import Decimal

import pytest

from actors.charts import text_width
from reports.charts import FONT_SIZE, WIDTH, bar_chart

FOCUS_AREAS = [
    "God psykisk hälsa",
    "Arbete och ekonomiska möjligheter",
    "Tillgång till kunskap, organisering och inflytande",
    "Goda relationer och meningsfull fritid",
]


@pytest.mark.parametrize("values", [[0, 120_000, 150_000, 330_000], [1, 1, 1, 1_234_567]])
def test_no_name_starts_left_of_the_chart_and_no_figure_ends_right_of_it(values):
    chart = bar_chart(list(zip(FOCUS_AREAS, [Decimal(v) for v in values], strict=True)))
    for bar in chart["bars"]:
        assert chart["label_x"] - text_width(bar["label"], FONT_SIZE) >= 0, bar["label"]
        assert bar["value_x"] + text_width(bar["value"], FONT_SIZE) <= WIDTH, bar["value"]
    assert [bar["label"] for bar in chart["bars"]][:2] == FOCUS_AREAS[:2]  # short names whole
    assert chart["bars"][2]["label"].endswith("…")
