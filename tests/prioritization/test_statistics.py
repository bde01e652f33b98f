"""Prioritisation's figures for the reports: rounds, needs prioritised, indicators' trends."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from actors.translations import translate
from prioritization import services, statistics
from prioritization.choices import Direction, Trend
from prioritization.models import Indicator

from .factories import DataPointFactory, IndicatorFactory, NeedFactory, RoundFactory, ScoreFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "direction, first, last, trend",
    [
        (Direction.HIGHER, "40", "45", Trend.BETTER),
        (Direction.HIGHER, "45", "40", Trend.WORSE),
        (Direction.LOWER, "45", "40", Trend.BETTER),
        (Direction.LOWER, "40", "45", Trend.WORSE),
        (Direction.LOWER, "40", "40.0", Trend.UNCHANGED),
    ],
)
def test_an_indicator_s_trend_follows_its_direction(direction, first, last, trend):
    indicator = Indicator(direction=direction)
    assert indicator.trend(Decimal(first), Decimal(last)) == trend


def test_the_trends_compare_the_first_and_last_value_from_two_years_before_the_period():
    indicator = IndicatorFactory(direction=Direction.LOWER)
    for period, value in (("2019", "10"), ("2022", "30"), ("2023", "25"), ("2024", "20")):
        DataPointFactory(indicator=indicator, period=period, value=Decimal(value))
    with translation.override("en"):
        (trend,) = statistics.indicator_trends(
            start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)
        )
    assert (trend["first_period"], trend["last_period"], trend["change"]) == ("2022", "2024", -10)
    assert trend["verdict"] == "Better"
    assert list(trend["values"]) == ["2022", "2023", "2024"]


def test_a_closed_round_comes_with_its_results_and_their_quadrants(coordinator, organisation):
    needs = NeedFactory.create_batch(2)
    area = needs[0].focus_area
    translate(area, "en", name="Safety")
    area.save()
    round_ = RoundFactory(needs=needs)
    for need, (urgency, capacity) in zip(needs, [(5, 5), (1, 1)], strict=True):
        ScoreFactory(
            round=round_, need=need, organisation=organisation, urgency=urgency, capacity=capacity
        )
    services.round_close(round_=round_, actor=coordinator)
    today = timezone.localdate()
    with translation.override("en"):
        (closed,) = statistics.rounds_closed(start=today, end=today)
        prioritised = statistics.needs_prioritised(start=today, end=today)
    assert [(r["rank"], r["quadrant"]) for r in closed["results"]] == [
        (1, "Act now"),
        (2, "Keep watching"),
    ]
    assert prioritised == [{"focus_area": "Safety", "count": 1}]
    yesterday = today - datetime.timedelta(days=1)
    assert statistics.rounds_closed(start=yesterday, end=yesterday) == []


def test_the_indicators_values_are_one_query_with_or_without_indicators(django_assert_num_queries):
    with django_assert_num_queries(1):  # the data points, the indicators as a subquery
        assert statistics.indicator_values(indicators=Indicator.objects.filter(slug="none")) == {}
    point = DataPointFactory()
    with django_assert_num_queries(1):
        values = statistics.indicator_values(indicators=Indicator.objects.all())
    assert values == {point.indicator_id: {point.period: point.value}}
