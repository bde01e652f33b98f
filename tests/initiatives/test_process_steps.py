"""The process in the collaboration's own words: which steps it uses and what it calls them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from actors.models import Event
from initiatives import process, selectors, services
from initiatives.choices import InitiativeStep as S
from initiatives.models import InitiativeStepChange, ProcessStep, step_name
from initiatives.services import TransitionError, initiative_advance
from tests.initiatives.factories import InitiativeFactory, InsightFactory, NeedFactory

pytestmark = pytest.mark.django_db

# Malmö's IoU65+: needs, concepts, prototypes, tests in practice, and no pooled fund.
IOU65 = {
    S.NEEDS: (True, "Behov"),
    S.PROPOSAL: (True, "Koncept"),
    S.DECISION: (False, "Beslut"),
    S.FUNDING: (False, "Finansiering"),
    S.EXECUTION: (True, "Prototyp"),
    S.EVALUATION: (True, "Test i praktiken"),
}


def steps_of(config: dict) -> dict:
    return {
        code: {"used": used, "name_sv": name, "description_sv": ""}
        for code, (used, name) in config.items()
    }


@pytest.fixture
def malmo(coordinator):
    services.process_steps_save(steps=steps_of(IOU65), actor=coordinator)


def test_the_steps_are_husbys_six_with_todays_names():
    steps = ProcessStep.of_site()
    assert [(s.code, s.used, s.label) for s in steps] == [
        (S.NEEDS, True, "Behov & data"),
        (S.PROPOSAL, True, "Lösningsförslag"),
        (S.DECISION, True, "Beslut"),
        (S.FUNDING, True, "Finansiering"),
        (S.EXECUTION, True, "Genomförande"),
        (S.EVALUATION, True, "Utvärdering"),
    ]
    with translation.override("en"):
        assert step_name(S.FUNDING) == "Funding"
    with translation.override("so"):
        assert step_name(S.EXECUTION) == "Fulin"


def test_a_concept_goes_to_its_prototype_skipping_decision_and_fund_and_their_rules(
    malmo, organisation, coordinator
):
    concept = InitiativeFactory(lead_organisation=organisation, step=S.PROPOSAL)
    concept.insights.add(InsightFactory())

    # No decision recorded, no money allocated: the rules of the steps left out are left out.
    initiative_advance(initiative=concept, to_step=S.EXECUTION, actor=coordinator)

    concept.refresh_from_db()
    assert concept.step == S.EXECUTION
    change = InitiativeStepChange.objects.get(initiative=concept)
    assert (change.from_step, change.to_step) == (S.PROPOSAL, S.EXECUTION)
    assert change.to_step_name == "Prototyp"
    event = Event.objects.filter(kind="initiatives.moved").latest("pk")
    assert (event.data["from"], event.data["to"]) == (S.PROPOSAL, S.EXECUTION)


def test_the_rule_of_the_step_left_still_holds(malmo, organisation, coordinator):
    concept = InitiativeFactory(lead_organisation=organisation, step=S.PROPOSAL)

    with pytest.raises(TransitionError, match="inte förankrat"):
        initiative_advance(initiative=concept, to_step=S.EXECUTION, actor=coordinator)
    assert not InitiativeStepChange.objects.filter(initiative=concept).exists()


def test_no_move_ends_at_a_step_not_used(malmo, organisation, coordinator):
    concept = InitiativeFactory(lead_organisation=organisation, step=S.PROPOSAL)
    concept.insights.add(InsightFactory())

    with pytest.raises(TransitionError, match="Beslut"):
        initiative_advance(initiative=concept, to_step=S.DECISION, actor=coordinator)
    assert [t.target for t in process.available_transitions(coordinator, concept)] == [
        S.EXECUTION,
        S.PARKED,
        S.WITHDRAWN,
        S.REJECTED,
    ]
    assert process.transition_for(S.PROPOSAL, S.EXECUTION).target_label == "Prototyp"


def test_the_last_step_left_out_leads_to_completed(coordinator, organisation, evaluator):
    services.process_steps_save(
        steps=steps_of({**IOU65, S.EVALUATION: (False, "Test i praktiken")}), actor=coordinator
    )
    prototype = InitiativeFactory(lead_organisation=organisation, step=S.EXECUTION)

    with pytest.raises(TransitionError, match="uppföljning"):
        initiative_advance(initiative=prototype, to_step=S.COMPLETED, actor=coordinator)
    assert process.forward_from(S.EXECUTION).target == S.COMPLETED


def test_a_draft_sent_on_is_submitted_whatever_the_next_step(coordinator, organisation):
    services.process_steps_save(
        steps=steps_of({**IOU65, S.PROPOSAL: (False, "Koncept")}), actor=coordinator
    )
    draft = InitiativeFactory(lead_organisation=organisation)
    draft.needs.add(NeedFactory())

    initiative_advance(initiative=draft, to_step=S.EXECUTION, actor=coordinator)

    draft.refresh_from_db()
    assert draft.submitted_at is not None and draft.is_public


def test_husbys_board_has_every_step_and_malmos_none_it_does_not_use(
    client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    husby = client.get(reverse("initiatives:pipeline")).text
    assert "Finansiering" in husby and "Lösningsförslag" in husby

    services.process_steps_save(steps=steps_of(IOU65), actor=coordinator)
    board = selectors.pipeline(user=coordinator)
    assert [(c["step"], c["name"]) for c in board] == [
        (S.NEEDS, "Behov"),
        (S.PROPOSAL, "Koncept"),
        (S.EXECUTION, "Prototyp"),
        (S.EVALUATION, "Test i praktiken"),
        (S.COMPLETED, "Avslutad"),
        (S.PARKED, "Parkerad"),
    ]
    page = client.get(reverse("initiatives:pipeline")).text
    assert "Prototyp" in page and "Test i praktiken" in page
    assert "step-funding" not in page and "step-decision" not in page


def test_the_names_reach_the_list_the_initiative_page_and_the_tracker(malmo, client, organisation):
    prototype = InitiativeFactory(
        lead_organisation=organisation, step=S.EXECUTION, submitted_at="2026-01-01T10:00Z"
    )

    listing = client.get(reverse("initiatives:initiative_list")).text
    assert "Behov, Koncept, Prototyp, Test i praktiken" in listing
    assert '<option value="funding"' not in listing
    page = client.get(prototype.get_absolute_url()).text
    assert "4. Test i praktiken" in page and "step-funding" not in page
    assert prototype.tracker() == [
        ("Behov", "done"),
        ("Koncept", "done"),
        ("Prototyp", "current"),
        ("Test i praktiken", "ahead"),
    ]


def test_the_needs_and_one_more_step_stay_used(coordinator):
    alone = {code: (code == S.NEEDS, name) for code, (_used, name) in IOU65.items()}
    with pytest.raises(ValidationError) as refused:
        services.process_steps_save(steps=steps_of(alone), actor=coordinator)
    assert "minst ett steg" in str(refused.value)

    without_needs = {**IOU65, S.NEEDS: (False, "Behov")}
    with pytest.raises(ValidationError) as refused:
        services.process_steps_save(steps=steps_of(without_needs), actor=coordinator)
    assert S.NEEDS in refused.value.error_dict
    assert ProcessStep.every()[3].used


def test_a_step_where_initiatives_stand_stays_used(coordinator, organisation):
    InitiativeFactory(lead_organisation=organisation, step=S.FUNDING)
    InitiativeFactory(lead_organisation=organisation, step=S.PARKED, parked_from=S.DECISION)

    with pytest.raises(ValidationError) as refused:
        services.process_steps_save(steps=steps_of(IOU65), actor=coordinator)

    assert set(refused.value.error_dict) == {S.DECISION, S.FUNDING}
    assert "1 satsning står" in str(refused.value.error_dict[S.FUNDING])
    assert all(step.used for step in ProcessStep.every())
    assert not Event.objects.filter(kind="initiatives.steps_changed").exists()


def test_a_coordinator_renames_and_leaves_out_steps_on_the_page(client, coordinator):
    client.force_login(coordinator)
    data = {}
    for code, (used, name) in IOU65.items():
        if used:
            data[code] = "on"
        data[f"{code}_name_sv"] = name
        data[f"{code}_description_sv"] = ""

    response = client.post(reverse("initiatives:process_steps"), data)

    assert response.status_code == 302
    assert [s.code for s in ProcessStep.of_site() if s.used] == [
        S.NEEDS,
        S.PROPOSAL,
        S.EXECUTION,
        S.EVALUATION,
    ]
    assert step_name(S.EXECUTION) == "Prototyp"
    event = Event.objects.get(kind="initiatives.steps_changed")
    assert event.data["changed"] == [
        S.NEEDS,
        S.PROPOSAL,
        S.DECISION,
        S.FUNDING,
        S.EXECUTION,
        S.EVALUATION,
    ]


def test_the_page_gives_the_form_back_with_the_reason(client, coordinator):
    client.force_login(coordinator)
    data = {f"{code}_name_sv": name for code, (_used, name) in IOU65.items()}

    response = client.post(reverse("initiatives:process_steps"), data)

    assert response.status_code == 200
    assert "Processen använder minst ett steg efter behoven." in response.text
    assert all(step.used for step in ProcessStep.every())


def test_the_steps_page_runs_a_fixed_number_of_queries(
    client, coordinator, site, django_assert_num_queries
):
    site.languages = ["sv"]
    site.save()
    client.force_login(coordinator)
    # session, user, roles (one query, organisations with them), the six steps, site settings
    with django_assert_num_queries(5):
        response = client.get(reverse("initiatives:process_steps"))
    assert response.status_code == 200
    assert "translations/initiatives.processstep/" not in response.text  # Swedish only


def test_the_page_links_each_name_to_its_translations(client, coordinator, every_language):
    client.force_login(coordinator)
    step = ProcessStep.every()[0]
    step.save()

    page = client.get(reverse("initiatives:process_steps")).text

    link = reverse("portal:translation", args=["initiatives.processstep", step.pk, "so"])
    assert link in page
