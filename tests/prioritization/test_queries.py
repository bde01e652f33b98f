"""Every page asks the same number of queries however much data there is."""

import pytest
from django.urls import reverse

from prioritization import services
from prioritization.models import OutcomeIndicator
from tests.factories import OrganisationFactory
from tests.focusgroups.factories import ConsultationFactory, IdeaFactory, InsightFactory
from tests.prioritization.factories import (
    DataPointFactory,
    FocusAreaFactory,
    IndicatorFactory,
    InterventionFactory,
    NeedFactory,
    OutcomeFactory,
    RoundFactory,
    ScoreFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(request, coordinator):
    """`size` of everything: needs with their insights, indicators with data, consultations,
    ideas and outcomes (each with interventions, insights and measures), organisations scoring."""
    size = request.param
    area = FocusAreaFactory(slug="safety")
    group = TargetGroupFactory(slug="parents")
    organisations = OrganisationFactory.create_batch(size)
    needs = NeedFactory.create_batch(size, focus_area=area)
    round_ = RoundFactory(needs=needs)
    for need in needs:
        need.target_groups.add(group)
        insight = InsightFactory()
        area.insights.add(insight)
        need.insights.add(insight)
        group.focus_groups.add(insight.focus_group)
        indicator = IndicatorFactory(focus_area=area)
        need.indicators.add(indicator)
        for year in range(2020, 2020 + size):
            DataPointFactory(indicator=indicator, period=str(year))
            DataPointFactory(indicator=indicator, period=str(year), target_group=group)
        need.consultations.add(ConsultationFactory())
        need.ideas.add(IdeaFactory())
        outcome = OutcomeFactory(need=need)
        outcome.insights.add(insight)
        OutcomeIndicator.objects.create(
            outcome=outcome,
            indicator=indicator,
            baseline=1,
            baseline_period="2020",
            target=2,
            target_period="2030",
        )
        InterventionFactory.create_batch(size, outcome=outcome)
        for organisation in organisations:
            ScoreFactory(
                round=round_, need=need, organisation=organisation, contribution="Vi kan hjälpa"
            )
    open_round = RoundFactory(needs=needs)
    services.round_close(round_=round_, actor=coordinator, without_missing=True)
    return {
        "area": area,
        "group": group,
        "need": needs[0],
        "round": round_,
        "open_round": open_round,
        "indicator": needs[0].indicators.get(),
        "outcome": needs[0].outcomes.get(),
    }


SIZES = [1, 6]


@pytest.mark.parametrize("world", SIZES, indirect=True)
def test_public_pages(client, world, django_assert_num_queries):
    pages = [
        # site settings (first page of the test; cached after); focus areas with counts;
        # target groups with counts
        (reverse("prioritization:focusarea_list"), 3),
        # the area; its needs (+area); their target groups; indicators; their latest values;
        # insights (+focus group)
        (world["area"].get_absolute_url(), 6),
        # the group; count + page of insights (+focus group); needs; their target groups
        (world["group"].get_absolute_url(), 5),
        # the districts; count + page of needs (+area); their target groups; the focus-area
        # filter
        (reverse("prioritization:need_list"), 5),
        # need (+area) for permission and for the page; target groups, indicators, consultations,
        # ideas, insights (+focus group), outcomes, their interventions, round results (+round)
        (world["need"].get_absolute_url(), 10),
        # indicators; their latest values
        (reverse("prioritization:indicator_list"), 2),
        # the indicator (+area); its data points (+target group)
        (world["indicator"].get_absolute_url(), 2),
        # count + page of closed rounds
        (reverse("prioritization:round_list"), 2),
        # latest closed round; results (+need, area); contributions (+organisation)
        (reverse("prioritization:matrix"), 3),
        # the round; results; contributions
        (world["round"].get_absolute_url(), 3),
        # outcome (+need, area) for permission and for the page; interventions, insights,
        # measures
        (world["outcome"].get_absolute_url(), 5),
    ]
    for url, queries in pages:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("world", SIZES, indirect=True)
def test_pages_for_signed_in_people(client_for, world, django_assert_num_queries):
    client = client_for("coordinator")
    client.get(reverse("prioritization:round_list"))  # site settings now cached
    # session, user, roles (one query, organisations with them); ideas count + page
    with django_assert_num_queries(5):
        assert client.get(reverse("prioritization:idea_queue")).status_code == 200
    # the open round, session, user, roles (one query, organisations with them); its needs
    # (+area); organisations with who has scored
    with django_assert_num_queries(6):
        assert client.get(world["open_round"].get_absolute_url()).status_code == 200
    # session, user, roles (one query, organisations with them); the round; its needs counted;
    # who has scored
    with django_assert_num_queries(6):
        url = reverse("prioritization:round_close", args=[world["open_round"].pk])
        assert client.get(url).status_code == 200
    client = client_for("member")
    # the round, session, user, roles (one query, organisations with them); the member's
    # organisations; needs (+area); existing scores
    with django_assert_num_queries(7):
        url = reverse("prioritization:round_score", args=[world["open_round"].pk])
        assert client.get(url).status_code == 200
