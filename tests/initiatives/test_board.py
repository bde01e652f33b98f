"""What the pipeline board shows: counts per step, the newest cards, and the filters."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from actors.permissions import roles_of
from actors.translations import translate
from initiatives import selectors
from initiatives.choices import InitiativeStep as S
from initiatives.models import Initiative, ProcessStep
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


def test_every_step_has_a_column_with_its_count_and_newest_cards_first(coordinator):
    lead = OrganisationFactory()
    made = []
    for days_ago in range(15):
        made.append(InitiativeFactory(lead_organisation=lead, step=S.EXECUTION))
        moved(made[-1], days_ago)
    InitiativeFactory(lead_organisation=lead, step=S.REJECTED)

    board = selectors.pipeline(user=coordinator)

    assert [c["step"] for c in board] == selectors.board_steps()
    execution = column(board, S.EXECUTION)
    assert execution["count"] == 15
    cards = execution["initiatives"]
    assert len(cards) == selectors.CARDS_PER_COLUMN
    assert [card.pk for card in cards] == [i.pk for i in made[: selectors.CARDS_PER_COLUMN]]
    assert column(board, S.PROPOSAL) == {
        "step": S.PROPOSAL,
        "name": "Lösningsförslag",
        "count": 0,
        "initiatives": [],
    }
    # Rejected initiatives leave the board.
    assert sum(c["count"] for c in board) == 15


def test_a_card_is_in_the_visitors_language_and_falls_back_to_swedish(coordinator):
    area = FocusAreaFactory(name_sv="Hälsa")
    translate(area, "en", name="Health")
    area.save()
    homework = InitiativeFactory(step=S.PROPOSAL, focus_area=area, title_sv="Läxhjälp")
    translate(homework, "en", title="Homework")
    homework.save()
    InitiativeFactory(step=S.PROPOSAL, focus_area=area, title_sv="Fritids")

    with translation.override("en"):
        cards = column(selectors.pipeline(user=coordinator), S.PROPOSAL)["initiatives"]
        assert sorted(card.title for card in cards) == ["Fritids", "Homework"]
        assert {card.focus_area for card in cards} == {"Health"}
        assert cards[0].url.startswith("/en/initiatives/")
    assert sorted(titles(selectors.pipeline(user=coordinator), S.PROPOSAL)) == [
        "Fritids",
        "Läxhjälp",
    ]


def test_an_organisation_filter_counts_lead_and_partner_once(coordinator):
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    led = InitiativeFactory(lead_organisation=ours, step=S.PROPOSAL, title_sv="Leder")
    led.partners.add(ours, theirs)
    partner = InitiativeFactory(lead_organisation=theirs, step=S.PROPOSAL, title_sv="Partner")
    partner.partners.add(ours)
    InitiativeFactory(lead_organisation=theirs, step=S.PROPOSAL, title_sv="Annan")

    board = selectors.pipeline(user=coordinator, organisation=ours.slug)

    assert column(board, S.PROPOSAL)["count"] == 2
    assert sorted(titles(board, S.PROPOSAL)) == ["Leder", "Partner"]


def test_focus_area_and_target_group_filters_combine(coordinator):
    youth, parents = TargetGroupFactory(), TargetGroupFactory(slug="parents", name_sv="Föräldrar")
    area, other_area = FocusAreaFactory(), FocusAreaFactory(slug="health", name_sv="Hälsa")
    both = InitiativeFactory(focus_area=area, step=S.FUNDING, title_sv="Båda")
    both.target_groups.add(youth, parents)
    InitiativeFactory(focus_area=area, step=S.FUNDING, title_sv="Utan grupp")
    elsewhere = InitiativeFactory(focus_area=other_area, step=S.FUNDING, title_sv="Annat område")
    elsewhere.target_groups.add(youth)

    board = selectors.pipeline(user=coordinator, focus_area=area.slug, target_group=youth.slug)

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
    for step in selectors.board_steps():
        InitiativeFactory.create_batch(selectors.CARDS_PER_COLUMN + 2, step=step)

    roles_of(coordinator)  # read once per request, before the board, as the view does
    with django_assert_num_queries(1):
        board = selectors.pipeline(user=coordinator)
    assert all(c["count"] == selectors.CARDS_PER_COLUMN + 2 for c in board)
    with django_assert_num_queries(len(empty)):
        response = client.get("/initiatives/board/")
    assert (
        response.text.count('class="card mb-2"')
        == len(selectors.board_steps()) * selectors.CARDS_PER_COLUMN
    )


def test_a_member_sees_the_drafts_of_their_own_organisation_only(
    member, organisation, other_organisation, django_assert_num_queries
):
    InitiativeFactory(lead_organisation=organisation, step=S.NEEDS, title_sv="Vårt utkast")
    InitiativeFactory(lead_organisation=other_organisation, step=S.NEEDS, title_sv="Deras utkast")
    InitiativeFactory(
        lead_organisation=other_organisation, step=S.PROPOSAL, title_sv="Deras förslag"
    )

    roles_of(member)
    ProcessStep.of_site()  # the steps, cached as the site settings are
    with django_assert_num_queries(1):
        board = selectors.pipeline(user=member)

    assert titles(board, S.NEEDS) == ["Vårt utkast"]
    assert column(board, S.NEEDS)["count"] == 1
    assert titles(board, S.PROPOSAL) == ["Deras förslag"]
    assert sum(c["count"] for c in board) == 2


def test_the_staff_roles_see_every_draft(coordinator, evaluator, organisation, other_organisation):
    for lead in (organisation, other_organisation):
        InitiativeFactory(lead_organisation=lead, step=S.NEEDS)

    for person in (coordinator, evaluator):
        assert column(selectors.pipeline(user=person), S.NEEDS)["count"] == 2


def test_the_board_page_leaves_out_another_organisations_draft(
    client, outsider, member, organisation
):
    InitiativeFactory(lead_organisation=organisation, step=S.NEEDS, title_sv="Hemligt utkast")

    client.force_login(outsider)
    response = client.get("/initiatives/board/")
    assert "Hemligt utkast" not in response.text
    assert column(response.context["columns"], S.NEEDS) == {
        "step": S.NEEDS,
        "name": "Behov & data",
        "count": 0,
        "initiatives": [],
    }

    client.force_login(member)
    assert "Hemligt utkast" in client.get("/initiatives/board/").text
