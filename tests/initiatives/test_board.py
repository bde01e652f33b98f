"""What the pipeline board shows: counts per step, the newest cards, and the filters."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from initiatives import selectors
from initiatives.choices import BOARD_STEPS
from initiatives.choices import InitiativeStep as S
from initiatives.models import Initiative
from tests.factories import OrganisationFactory
from tests.initiatives.factories import FocusAreaFactory, InitiativeFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


def column(board, step):
    return next(c for c in board if c["step"] == step)


def titles(board, step):
    return [card.title for card in column(board, step)["initiatives"]]


def moved(initiative, days_ago: int):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    Initiative.objects.filter(pk=initiative.pk).update(updated=when)


def test_every_step_has_a_column_with_its_count_and_newest_cards_first():
    lead = OrganisationFactory()
    made = []
    for days_ago in range(15):
        made.append(InitiativeFactory(lead_organisation=lead, step=S.EXECUTION))
        moved(made[-1], days_ago)
    InitiativeFactory(lead_organisation=lead, step=S.REJECTED)

    board = selectors.pipeline()

    assert [c["step"] for c in board] == list(BOARD_STEPS)
    execution = column(board, S.EXECUTION)
    assert execution["count"] == 15
    cards = execution["initiatives"]
    assert len(cards) == selectors.CARDS_PER_COLUMN
    assert [card.pk for card in cards] == [i.pk for i in made[: selectors.CARDS_PER_COLUMN]]
    assert column(board, S.PROPOSAL) == {"step": S.PROPOSAL, "count": 0, "initiatives": []}
    # Rejected initiatives leave the board.
    assert sum(c["count"] for c in board) == 15


def test_a_card_is_in_the_visitors_language_and_falls_back_to_swedish():
    area = FocusAreaFactory(name_sv="Hälsa", name_en="Health")
    InitiativeFactory(step=S.PROPOSAL, focus_area=area, title_sv="Läxhjälp", title_en="Homework")
    InitiativeFactory(step=S.PROPOSAL, focus_area=area, title_sv="Fritids", title_en="")

    with translation.override("en"):
        cards = column(selectors.pipeline(), S.PROPOSAL)["initiatives"]
        assert sorted(card.title for card in cards) == ["Fritids", "Homework"]
        assert {card.focus_area for card in cards} == {"Health"}
        assert cards[0].url.startswith("/en/initiatives/")
    assert sorted(titles(selectors.pipeline(), S.PROPOSAL)) == ["Fritids", "Läxhjälp"]


def test_an_organisation_filter_counts_lead_and_partner_once():
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    led = InitiativeFactory(lead_organisation=ours, step=S.PROPOSAL, title_sv="Leder")
    led.partners.add(ours, theirs)
    partner = InitiativeFactory(lead_organisation=theirs, step=S.PROPOSAL, title_sv="Partner")
    partner.partners.add(ours)
    InitiativeFactory(lead_organisation=theirs, step=S.PROPOSAL, title_sv="Annan")

    board = selectors.pipeline(organisation=ours.slug)

    assert column(board, S.PROPOSAL)["count"] == 2
    assert sorted(titles(board, S.PROPOSAL)) == ["Leder", "Partner"]


def test_focus_area_and_target_group_filters_combine():
    youth, parents = TargetGroupFactory(), TargetGroupFactory(slug="parents", name_sv="Föräldrar")
    area, other_area = FocusAreaFactory(), FocusAreaFactory(slug="health", name_sv="Hälsa")
    both = InitiativeFactory(focus_area=area, step=S.FUNDING, title_sv="Båda")
    both.target_groups.add(youth, parents)
    InitiativeFactory(focus_area=area, step=S.FUNDING, title_sv="Utan grupp")
    elsewhere = InitiativeFactory(focus_area=other_area, step=S.FUNDING, title_sv="Annat område")
    elsewhere.target_groups.add(youth)

    board = selectors.pipeline(focus_area=area.slug, target_group=youth.slug)

    assert column(board, S.FUNDING)["count"] == 1
    assert titles(board, S.FUNDING) == ["Båda"]


def test_an_unknown_filter_gives_an_empty_board(client, coordinator):
    InitiativeFactory(step=S.PROPOSAL)
    client.force_login(coordinator)
    response = client.get("/initiatives/board/?organisation=no-such&target_group=nobody")
    assert response.status_code == 200
    assert all(c["count"] == 0 for c in response.context["columns"])


def test_the_board_is_one_query_and_the_page_does_not_grow(
    client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    client.get("/initiatives/board/")  # site settings into the cache
    with CaptureQueriesContext(connection) as empty:
        client.get("/initiatives/board/")
    for step in BOARD_STEPS:
        InitiativeFactory.create_batch(selectors.CARDS_PER_COLUMN + 2, step=step)

    with django_assert_num_queries(1):
        board = selectors.pipeline()
    assert all(c["count"] == selectors.CARDS_PER_COLUMN + 2 for c in board)
    with django_assert_num_queries(len(empty)):
        response = client.get("/initiatives/board/")
    assert response.text.count('class="card mb-2"') == len(BOARD_STEPS) * selectors.CARDS_PER_COLUMN
