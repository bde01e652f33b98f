import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.i18n import translation
from actors.translations import State, field_translations, translate
from initiatives.choices import InitiativeStep as S
from initiatives.models import Decision, Evaluation, FollowUp, Initiative, InitiativeStepChange
from prioritization.models import Intervention, Outcome
from tests.factories import OrganisationFactory
from tests.initiatives.factories import (
    FocusAreaFactory,
    InitiativeFactory,
    InsightFactory,
    NeedFactory,
    TargetGroupFactory,
    proposal_data,
)
from tests.prioritization.factories import IndicatorFactory
from workshops.models import Workshop, WorkshopItem

pytestmark = pytest.mark.django_db


def test_a_member_proposes_an_initiative_as_a_draft(client, member, organisation):
    need = NeedFactory()
    client.force_login(member)
    response = client.post(
        reverse("initiatives:initiative_create"), proposal_data(organisation, need)
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert (initiative.step, initiative.created_by, list(initiative.needs.all())) == (
        S.NEEDS,
        member,
        [need],
    )
    assert client.get(initiative.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_the_draft_message_points_to_the_button_the_page_has(client, member, organisation):
    client.force_login(member)
    response = client.post(
        reverse("initiatives:initiative_create"),
        proposal_data(organisation, NeedFactory()),
        follow=True,
    )
    page = response.content.decode()
    assert (
        "När det är klart flyttar ni det till ”Lösningsförslag” med knappen under "
        "”Flytta satsningen”." in page
    )
    assert '<h2 id="move-title" class="h5">Flytta satsningen</h2>' in page
    assert ">Flytta till ”Lösningsförslag”</button>" in page
    assert "Lämna in" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"budget": "-5"}, "större än eller lika med 0"),
        ({"budget": "12.345"}, "2 decimaler"),
        ({"budget": "mycket"}, "Fyll i ett tal"),
        ({"ends_on": "2026-01-01"}, "Slutdatumet kan inte vara före startdatumet"),
        ({"title_sv": ""}, "Detta fält måste fyllas i"),
        ({"title_sv": "x" * 500}, "som mest 200 tecken"),
        ({"starts_on": "32/13/2026"}, "Fyll i ett giltigt datum"),
    ],
)
def test_bad_input_comes_back_with_a_message_and_saves_nothing(
    client, member, organisation, changes, message
):
    client.force_login(member)
    data = proposal_data(organisation, NeedFactory(), **changes)
    response = client.post(reverse("initiatives:initiative_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Initiative.objects.exists()


def test_a_member_cannot_propose_in_another_organisations_name(client, member, other_organisation):
    client.force_login(member)
    data = proposal_data(other_organisation, NeedFactory())
    response = client.post(reverse("initiatives:initiative_create"), data)
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_a_member_edits_only_its_own_organisations_proposals(
    client, member, organisation, other_organisation
):
    own = InitiativeFactory(lead_organisation=organisation)
    other = InitiativeFactory(lead_organisation=other_organisation, step=S.PROPOSAL)
    client.force_login(member)
    need = NeedFactory()
    response = client.post(
        reverse("initiatives:initiative_edit", args=[own.pk]),
        proposal_data(organisation, need, title_sv="Ny titel"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title_sv == "Ny titel"
    response = client.post(
        reverse("initiatives:initiative_edit", args=[other.pk]),
        proposal_data(other_organisation, need, title_sv="Kapad"),
    )
    assert response.status_code == 403
    assert Initiative.objects.get(pk=other.pk).title_sv != "Kapad"


def test_a_closed_initiative_cannot_be_edited(client, coordinator, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.COMPLETED)
    client.force_login(coordinator)
    assert (
        client.get(reverse("initiatives:initiative_edit", args=[initiative.pk])).status_code == 403
    )


def test_moving_through_the_page_says_what_is_missing(client, coordinator, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.PROPOSAL)
    client.force_login(coordinator)
    url = reverse("initiatives:initiative_move", args=[initiative.pk])
    response = client.post(url, {"to_step": "decision", "expected_step": "proposal"}, follow=True)
    assert "inte förankrat hos invånarna" in response.content.decode()
    assert InitiativeStepChange.objects.count() == 0
    response = client.post(
        url,
        {
            "to_step": "decision",
            "expected_step": "proposal",
            "override_reason": "Rådet har sommaruppehåll",
        },
        follow=True,
    )
    assert "Satsningen flyttades till" in response.content.decode()
    assert "Rådet har sommaruppehåll" in response.content.decode()


def test_a_replayed_move_changes_nothing(client, coordinator, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.PROPOSAL)
    initiative.insights.add(InsightFactory())
    client.force_login(coordinator)
    url = reverse("initiatives:initiative_move", args=[initiative.pk])
    data = {"to_step": "decision", "expected_step": "proposal"}
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "Någon annan flyttade nyss satsningen" in response.content.decode()
    assert InitiativeStepChange.objects.count() == 1


def test_a_move_with_a_tampered_form_changes_nothing(client, coordinator, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.PROPOSAL)
    client.force_login(coordinator)
    url = reverse("initiatives:initiative_move", args=[initiative.pk])
    response = client.post(url, {"to_step": "x" * 100}, follow=True)
    assert response.status_code == 200
    assert InitiativeStepChange.objects.count() == 0


def test_the_decision_is_recorded_only_at_the_decision_step(client, coordinator, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.PROPOSAL)
    client.force_login(coordinator)
    url = reverse("initiatives:decision_edit", args=[initiative.pk])
    data = {"decided_on": "2026-02-01", "decided_by": "Workshopen", "conditions_sv": "Rapportera"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert not Decision.objects.exists()
    initiative.step = S.DECISION
    initiative.save()
    assert client.post(url, data).status_code == 302
    assert Decision.objects.get().decided_by == "Workshopen"


def test_a_follow_up_records_reach_per_target_group(client, member, organisation):
    group = TargetGroupFactory()
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.EXECUTION)
    initiative.target_groups.add(group)
    client.force_login(member)
    url = reverse("initiatives:follow_up_create", args=[initiative.pk])
    data = {
        "period_start": "2026-03-01",
        "period_end": "2026-05-31",
        "activities": "12",
        "how_well": "Bra närvaro",
        "better_off": "Fler rör sig",
        "money_spent": "12000.50",
        "status": "on_track",
        f"reach_{group.pk}": "40",
    }
    assert client.post(url, {**data, "period_end": "2026-01-01"}).status_code == 200
    assert not FollowUp.objects.exists()
    assert client.post(url, data).status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.participants == 40
    assert follow_up.money_spent == Decimal("12000.50")


@pytest.mark.parametrize(
    ("start", "end"), [("2025-12-01", "2025-12-31"), ("2025-12-15", "2026-01-31")]
)
def test_a_follow_up_cannot_report_on_time_before_the_initiative_started(
    client, member, organisation, start, end
):
    initiative = InitiativeFactory(
        lead_organisation=organisation, step=S.EXECUTION, starts_on=datetime.date(2026, 1, 1)
    )
    client.force_login(member)
    url = reverse("initiatives:follow_up_create", args=[initiative.pk])
    data = {
        "period_start": start,
        "period_end": end,
        "activities": "4",
        "how_well": "Bra",
        "better_off": "Ja",
        "money_spent": "0",
        "status": "on_track",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["period_start"] == [
        "Satsningen startar 1 januari 2026: en uppföljning kan inte gälla tid före det."
    ]
    assert not FollowUp.objects.exists()
    assert (
        client.post(
            url, {**data, "period_start": "2026-01-01", "period_end": "2026-01-31"}
        ).status_code
        == 302
    )
    assert FollowUp.objects.count() == 1


def test_an_evaluator_records_the_evaluation(client, evaluator, organisation):
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.EVALUATION)
    client.force_login(evaluator)
    url = reverse("initiatives:evaluation_edit", args=[initiative.pk])
    data = {
        "method": "Intervjuer",
        "findings_sv": "Det fungerade",
        "lessons_sv": "Fortsätt",
        "recommendation": "continue",
    }
    assert client.post(url, {**data, "recommendation": "maybe"}).status_code == 200
    assert not Evaluation.objects.exists()
    assert client.post(url, data).status_code == 302
    assert Evaluation.objects.get().evaluator == evaluator


def test_the_public_page_shows_the_whole_thread(client, organisation, coordinator):
    need = NeedFactory(title_sv="Mötesplatser på kvällen")
    insight = InsightFactory(text_sv="Det finns ingenstans att vara.")
    need.insights.add(insight)
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.EXECUTION)
    initiative.needs.add(need)
    Decision.objects.create(
        initiative=initiative,
        decided_on=datetime.date(2026, 2, 1),
        decided_by="Workshopen",
        conditions_sv="Kvartalsrapport",
    )
    InitiativeStepChange.objects.create(
        initiative=initiative, from_step=S.FUNDING, to_step=S.EXECUTION, actor=coordinator
    )
    page = client.get(initiative.get_absolute_url()).content.decode()
    for text in (
        "Mötesplatser på kvällen",
        "Det finns ingenstans att vara.",
        "Kvartalsrapport",
        "Genomförande",
    ):
        assert text in page
    assert coordinator.email not in page


def create_initiatives(count):
    area = FocusAreaFactory()
    lead = OrganisationFactory()
    Initiative.objects.bulk_create(
        [
            Initiative(
                title_sv=f"Satsning {n}",
                summary_sv="Text",
                focus_area=area,
                lead_organisation=lead,
                budget=1000,
                starts_on=datetime.date(2026, 1, 1),
                ends_on=datetime.date(2026, 2, 1),
                step=[S.PROPOSAL, S.EXECUTION, S.COMPLETED, S.FUNDING][n % 4],
            )
            for n in range(count)
        ]
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_the_public_list_runs_a_fixed_number_of_queries(client, count, django_assert_num_queries):
    create_initiatives(count)
    # the districts, count, site settings, the steps of the process (cached after), focus areas
    # (filter), page of initiatives (+focus area, lead)
    with django_assert_num_queries(6):
        response = client.get(reverse("initiatives:initiative_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_the_board_runs_a_fixed_number_of_queries(
    client, coordinator, count, django_assert_num_queries
):
    create_initiatives(count)
    client.force_login(coordinator)
    # session, user, roles (one query, organisations with them), the cards of every column with
    # their counts, the steps of the process, site settings, 3 filter lists, the districts
    with django_assert_num_queries(10):
        response = client.get(reverse("initiatives:pipeline"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_the_initiative_page_runs_a_fixed_number_of_queries(
    client, coordinator, organisation, size, django_assert_num_queries
):
    initiative = InitiativeFactory(lead_organisation=organisation, step=S.EXECUTION)
    group = TargetGroupFactory()
    initiative.target_groups.add(group)
    evaluation = Evaluation.objects.create(
        initiative=initiative,
        method="Intervjuer",
        findings_sv="Bra",
        lessons_sv="Mer",
        recommendation="continue",
    )
    for n in range(size):
        InitiativeStepChange.objects.create(
            initiative=initiative, from_step=S.FUNDING, to_step=S.EXECUTION, actor=coordinator
        )
        need = NeedFactory()
        need.insights.add(InsightFactory())
        initiative.needs.add(need)
        initiative.insights.add(InsightFactory())
        initiative.partners.add(OrganisationFactory())
        outcome = Outcome.objects.create(need=need, title_sv=f"Utfall {n}")
        initiative.outcomes.add(outcome)
        evaluation.achievements.create(outcome=outcome, achievement="partly")
        outcome.measures.create(
            indicator=IndicatorFactory(),
            baseline=1,
            baseline_period="2020",
            target=2,
            target_period="2030",
        )
        FollowUp.objects.create(
            initiative=initiative,
            period_start=datetime.date(2026, 1, 1) + datetime.timedelta(days=30 * n),
            period_end=datetime.date(2026, 1, 28) + datetime.timedelta(days=30 * n),
            activities=3,
            how_well="Bra",
            better_off="Ja",
            money_spent=100,
            status="on_track",
        ).reach.create(target_group=group, participants=10)
    # the initiative (+lead, focus area) for permission; then initiative_thread: the initiative
    # with what it points at, partners, target groups, needs (+focus area), their insights
    # (+focus group), insights (+focus group), consultations, outcomes, their measures
    # (+indicator), follow-ups, their reach (+target group), their measures, the evaluation's
    # achievements (+outcome), the process log (+actor); the funding section's sums; the
    # published reports; site settings; the steps of the process
    with django_assert_num_queries(19):
        response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    client.force_login(coordinator)
    # session, user, roles (one query, organisations with them); the same 17 of the page (the
    # site settings and steps now cached) and the funding section's ledger entries and last
    # request to the fund a coordinator sees
    with django_assert_num_queries(3 + 17 + 2):
        response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200


def states(initiative, language):
    return {field.name: field.state for field in field_translations(initiative, language)}


def test_a_coordinator_starts_a_proposal_from_an_intervention(client, coordinator, organisation):
    need = NeedFactory()
    outcome = Outcome.objects.create(need=need, title_sv="Fler unga i föreningar")
    intervention = Intervention(
        outcome=outcome,
        title_sv="Kvällsöppen fritidsgård",
        description_sv="Öppet till tio.",
        evidence_strength="emerging",
    )
    translate(intervention, "so", title="Xarun dhalinyaro oo habeenkii furan")
    translate(intervention, "ar", title="نادٍ مفتوح مساءً", description="مفتوح حتى العاشرة.")
    intervention.save()
    client.force_login(coordinator)
    url = reverse("initiatives:initiative_create") + f"?intervention={intervention.pk}"
    page = client.get(url).content.decode()
    assert "Kvällsöppen fritidsgård" in page
    # The coordinator keeps the title and rewrites the summary.
    data = proposal_data(
        organisation,
        need,
        title_sv="Kvällsöppen fritidsgård",
        summary_sv="Öppet till elva.",
        outcomes=[outcome.pk],
    )
    assert client.post(url, data).status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.intervention == intervention
    assert list(initiative.outcomes.all()) == [outcome]
    # The intervention's translations come with it: current where the Swedish text is the same,
    # stale where the coordinator changed it.
    assert translation(initiative.translations, "so", "title") == (
        "Xarun dhalinyaro oo habeenkii furan"
    )
    assert translation(initiative.translations, "ar", "summary") == "مفتوح حتى العاشرة."
    assert states(initiative, "so") == {"title": State.CURRENT, "summary": State.MISSING}
    assert states(initiative, "ar") == {"title": State.CURRENT, "summary": State.STALE}


def test_a_coordinator_starts_a_proposal_from_a_parked_idea(client, coordinator, organisation):
    workshop = Workshop.objects.create(
        starts_at=timezone.now() - datetime.timedelta(days=3), theme_sv="Fritid", status="held"
    )
    idea = WorkshopItem(workshop=workshop, kind="idea", text_sv="Utegym vid fältet")
    translate(idea, "ti", text="ናይ ደገ ስፖርት ቦታ")
    idea.save()
    client.force_login(coordinator)
    url = reverse("initiatives:initiative_create") + f"?workshop_item={idea.pk}"
    assert "Utegym vid fältet" in client.get(url).content.decode()
    data = proposal_data(
        organisation, NeedFactory(), title_sv="Utegym vid fältet", summary_sv="Utegym vid fältet"
    )
    assert client.post(url, data).status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.workshop_item == idea
    # The idea's one text is the proposal's title and summary, in every language it is in.
    assert states(initiative, "ti") == {"title": State.CURRENT, "summary": State.CURRENT}


def test_a_member_cannot_claim_an_origin(client, member, organisation):
    workshop = Workshop.objects.create(
        starts_at=timezone.now() - datetime.timedelta(days=3), theme_sv="Fritid", status="held"
    )
    idea = WorkshopItem.objects.create(workshop=workshop, kind="idea", text_sv="Utegym")
    client.force_login(member)
    url = reverse("initiatives:initiative_create") + f"?workshop_item={idea.pk}"
    client.post(url, proposal_data(organisation, NeedFactory()))
    assert Initiative.objects.get().workshop_item is None
