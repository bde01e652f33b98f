"""A member organisation's proposal goes all the way to an evaluated, completed initiative,
with the coordinator, the treasurer (allocating from the fund) and the evaluator each doing
their part in the browser."""

import re

import pytest
from playwright.sync_api import expect

from funding.choices import EntryKind
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative
from tests.funding.factories import FunderFactory, make_grant
from tests.initiatives.factories import InsightFactory, NeedFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db(transaction=True)


def move(page, step_label, note=""):
    form = page.locator("form", has=page.get_by_role("button", name=f"Flytta till ”{step_label}”"))
    if note:
        form.get_by_role("textbox").first.fill(note)
    form.get_by_role("button").click()
    page.wait_for_load_state()


def test_member_proposes_initiative_to_evaluation(
    page,
    login,
    check_accessibility,
    browser,
    live_server,
    member,
    organisation,
    coordinator,
    treasurer,
    evaluator,
):
    need = NeedFactory(title_sv="Mötesplatser på kvällen")
    need.insights.add(InsightFactory(text_sv="Det finns ingenstans att vara på kvällen."))
    TargetGroupFactory()
    # The fund has money in hand: a grant the treasurer registered and was paid.
    grant = make_grant(
        treasurer,
        "100000.00",
        received="100000.00",
        funder=FunderFactory(organisation__name="Stiftelsen Framtid"),
        title_sv="Mötesplatser",
    )

    # The member writes the proposal; a validation error keeps what was typed.
    login(page, member.email)
    page.goto("/initiatives/new/")
    check_accessibility(page)
    page.get_by_label("Rubrik (på svenska)").fill("Kvällsfotboll i hallen")
    page.get_by_label("Sammanfattning (på svenska)").fill("Öppen fotboll varje fredag kväll.")
    page.get_by_label("Fokusområde").select_option(label="Trygghet")
    page.get_by_label("Mötesplatser på kvällen").check()
    page.get_by_label("Ledande organisation").select_option(label=organisation.name)
    page.get_by_label("Sökt budget (kr)").fill("60000")
    page.get_by_label("Startar").fill("2026-03-01")
    page.get_by_label("Slutar").fill("2026-01-01")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Slutdatumet kan inte vara före startdatumet.")).to_be_visible()
    assert page.get_by_label("Rubrik (på svenska)").input_value() == "Kvällsfotboll i hallen"
    check_accessibility(page)
    page.get_by_label("Slutar").fill("2026-12-31")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/initiatives/\d+/$"))
    initiative = Initiative.objects.get()
    check_accessibility(page)
    move(page, "Lösningsförslag")
    expect(page.get_by_text("Satsningen flyttades till ”Lösningsförslag”.")).to_be_visible()
    # The coordinator anchors it with what residents said, decides it and moves it to funding.
    login(page, coordinator.email)
    page.goto(f"/initiatives/{initiative.pk}/edit/")
    page.get_by_label("Det finns ingenstans att vara på kvällen.").check()
    page.get_by_role("button", name="Spara").click()
    move(page, "Beslut")
    page.get_by_role("link", name="För in beslutet").click()
    check_accessibility(page)
    page.get_by_label("Beslutad den").fill("2026-02-10")
    page.get_by_label("Beslutad av").fill("Aktörerna på workshopen")
    page.get_by_label("Villkor (på svenska)").fill("Rapportera varje kvartal.")
    page.get_by_role("button", name="Spara").click()
    move(page, "Finansiering")

    # The treasurer allocates the budget from the fund and starts the execution.
    login(page, treasurer.email)
    page.goto(initiative.get_absolute_url())
    move(page, "Genomförande")
    expect(page.get_by_text("Fördelningarna från fonden täcker inte budgeten än")).to_be_visible()
    page.get_by_role("link", name="Fördela pengar").click()
    check_accessibility(page)
    page.locator("#id_grant").select_option(str(grant.pk))
    page.get_by_label("Belopp (kr)").fill("60 000")
    page.get_by_role("button", name="Bokför").click()
    page.wait_for_url(re.compile(rf"/initiatives/{initiative.pk}/$"))
    expect(page.get_by_text("Bokfört: Fördelning till en satsning på 60")).to_be_visible()
    check_accessibility(page)
    assert grant.entries.filter(kind=EntryKind.ALLOCATION, initiative=initiative).exists()
    move(page, "Genomförande")
    expect(page.get_by_text("Satsningen flyttades till ”Genomförande”.")).to_be_visible()
    # The member reports a follow-up and hands it over for evaluation.
    login(page, member.email)
    page.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Rapportera en uppföljning").click()
    check_accessibility(page)
    page.get_by_label("Period från").fill("2026-03-01")
    page.get_by_label("Period till").fill("2026-05-31")
    page.get_by_label("Genomförda aktiviteter").fill("12")
    page.get_by_label("Hur bra gjorde vi det?").fill("Många kom tillbaka varje vecka.")
    page.get_by_label("Har någon fått det bättre?").fill("Fler har något att göra på kvällen.")
    page.get_by_label("Pengar som använts under perioden (kr)").fill("15000")
    page.get_by_label("Status").select_option(label="Enligt plan")
    page.get_by_label("Deltagare som nåtts: Unga 16–25 år").fill("35")
    page.get_by_role("button", name="Spara").click()
    move(page, "Utvärdering")

    # The evaluator records the evaluation and completes the initiative.
    login(page, evaluator.email)
    page.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="För in utvärderingen").click()
    check_accessibility(page)
    page.get_by_label("Metod").fill("Intervjuer och närvarolistor.")
    page.get_by_label("Resultat (på svenska)").fill("Satsningen nådde fler än planerat.")
    page.get_by_label("Lärdomar (på svenska)").fill("Unga ledare gör skillnad.")
    page.get_by_label("Rekommendation").select_option(label="Skala upp")
    page.get_by_role("button", name="Spara").click()
    move(page, "Avslutad", "Utvärderad och klar.")

    initiative.refresh_from_db()
    assert initiative.step == InitiativeStep.COMPLETED
    assert initiative.log.count() == 6

    # A resident reads the whole thread on the public page.
    page.context.clear_cookies()
    page.goto(initiative.get_absolute_url())
    for text in (
        "Mötesplatser på kvällen",
        "Det finns ingenstans att vara på kvällen.",
        "Rapportera varje kvartal.",
        "Satsningen nådde fler än planerat.",
        "Avslutad",
    ):
        assert page.get_by_text(text).first.is_visible(), text
    check_accessibility(page)
