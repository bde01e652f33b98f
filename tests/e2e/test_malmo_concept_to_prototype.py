"""Malmö's coordinator takes a concept to a prototype, with no decision or funding step in
between, reports how the prototype went, and the evaluator records its test in practice."""

import re

import pytest
from playwright.sync_api import expect

from initiatives.choices import InitiativeStep
from initiatives.models import Initiative
from initiatives.services import process_steps_save
from portal.demos.malmo import PROCESS
from tests.initiatives.factories import InitiativeFactory, InsightFactory, NeedFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, DESKTOP = 390, 1280


def move(page, step_label):
    form = page.locator("form", has=page.get_by_role("button", name=f"Flytta till ”{step_label}”"))
    form.get_by_role("button").click()
    expect(page.get_by_text(f"Satsningen flyttades till ”{step_label}”.")).to_be_visible()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_coordinator_takes_concept_to_prototype_and_records_its_test(
    page, login, check_accessibility, coordinator, evaluator, organisation, width
):
    process_steps_save(steps=PROCESS, actor=coordinator)
    need = NeedFactory(title_sv="Någon att prata med varje dag")
    concept = InitiativeFactory(
        title_sv="Telefonvänner",
        lead_organisation=organisation,
        step=InitiativeStep.PROPOSAL,
    )
    concept.needs.add(need)
    # Anchored with what seniors said: the rule of leaving the concept step.
    concept.insights.add(InsightFactory(text_sv="Ibland pratar jag inte med någon på en vecka."))
    page.set_viewport_size({"width": width, "height": 900})

    login(page, coordinator.email)
    page.goto(concept.get_absolute_url())
    expect(page.locator(".lead").get_by_text("Koncept")).to_be_visible()
    # Nothing is decided or paid for from a fund in IoU65+'s process.
    expect(page.get_by_role("heading", name="Beslutet")).to_have_count(0)
    expect(page.get_by_role("heading", name="Finansiering")).to_have_count(0)
    expect(page.get_by_role("button", name="Flytta till ”Beslut”")).to_have_count(0)
    check_accessibility(page)
    move(page, "Prototyp")
    check_accessibility(page)

    # How the prototype went in its first month, then on to the test in practice.
    page.get_by_role("link", name="Rapportera en uppföljning").click()
    check_accessibility(page)
    page.get_by_label("Period från").fill("2026-03-01")
    page.get_by_label("Period till").fill("2026-03-31")
    page.get_by_label("Genomförda aktiviteter").fill("40")
    page.get_by_label("Hur bra gjorde vi det?").fill("Elva seniorer blev uppringda varje vecka.")
    page.get_by_label("Har någon fått det bättre?").fill("Nio vill fortsätta.")
    page.get_by_label("Pengar som använts under perioden (kr)").fill("2000")
    page.get_by_label("Status").select_option(label="Enligt plan")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(rf"/initiatives/{concept.pk}/$"))
    move(page, "Test i praktiken")
    check_accessibility(page)

    # The evaluator records what the test in practice showed.
    login(page, evaluator.email)
    page.goto(concept.get_absolute_url())
    page.get_by_role("link", name="För in utvärderingen").click()
    check_accessibility(page)
    page.get_by_label("Metod").fill("Samtal med de uppringda och de frivilliga.")
    page.get_by_label("Resultat (på svenska)").fill("Samma frivillig varje vecka gör skillnad.")
    page.get_by_label("Lärdomar (på svenska)").fill("Samtalen blir personliga.")
    page.get_by_label("Rekommendation").select_option(label="Skala upp")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(rf"/initiatives/{concept.pk}/$"))
    expect(page.get_by_text("Samma frivillig varje vecka gör skillnad.")).to_be_visible()
    check_accessibility(page)

    concept = Initiative.objects.get(pk=concept.pk)
    assert concept.step == InitiativeStep.EVALUATION
    assert list(concept.log.order_by("at", "pk").values_list("from_step", "to_step")) == [
        (InitiativeStep.PROPOSAL, InitiativeStep.EXECUTION),
        (InitiativeStep.EXECUTION, InitiativeStep.EVALUATION),
    ]
    assert concept.evaluation.findings_sv == "Samma frivillig varje vecka gör skillnad."

    # A resident reads the moves in IoU65+'s words.
    page.context.clear_cookies()
    page.goto(concept.get_absolute_url())
    for step in ("Koncept", "Prototyp", "Test i praktiken"):
        expect(page.get_by_role("cell", name=step).first).to_be_visible()
    check_accessibility(page)
