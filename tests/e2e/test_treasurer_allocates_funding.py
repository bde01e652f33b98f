"""A treasurer finds an initiative waiting for money, allocates from the fund in the browser
(a mistyped amount comes back with a message), starts its execution, corrects a double-booked
receipt with a reversal, and the public sees the totals."""

import re

import pytest
from playwright.sync_api import expect

from funding.choices import EntryKind
from funding.models import LedgerEntry
from initiatives.choices import InitiativeStep
from tests.funding.factories import book, waiting_for_money
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_treasurer_allocates_funding(page, login, check_accessibility, treasurer, organisation):
    grant, initiative = waiting_for_money(treasurer, organisation)

    done = InitiativeFactory(
        title_sv="Läxhjälp i våras", lead_organisation=organisation, step=InitiativeStep.FUNDING
    )
    book(treasurer, EntryKind.ALLOCATION, grant, "10000", done)
    book(treasurer, EntryKind.DISBURSEMENT, grant, "4000", done)
    done.step = InitiativeStep.COMPLETED
    done.save()

    # The initiative cannot start until the fund covers its budget.
    login(page, treasurer.email)
    page.goto(initiative.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("button", name="Flytta till ”Genomförande”").click()
    expect(page.get_by_text("Fördelningarna från fonden täcker inte budgeten än")).to_be_visible()
    # The treasurer allocates from the initiative's page; too many decimals come back.
    page.get_by_role("link", name="Fördela pengar").click()
    check_accessibility(page)
    assert page.get_by_label("Satsning").input_value() == str(initiative.pk)
    # The menu offers, for each kind of entry, the initiatives the fund accepts it for.
    offered = page.locator("#id_initiative option[data-kinds]:not([disabled])")
    assert offered.all_inner_texts() == ["Kvällsfotboll i hallen"]
    page.get_by_label("Typ").select_option("disbursement")
    assert offered.all_inner_texts() == ["Läxhjälp i våras"]
    assert page.get_by_label("Satsning").input_value() == ""
    page.get_by_label("Typ").select_option("allocation")
    page.get_by_label("Satsning").select_option(str(initiative.pk))
    page.locator("#id_grant").select_option(str(grant.pk))
    page.get_by_label("Belopp (kr)").fill("60 000,005")
    page.get_by_role("button", name="Bokför").click()
    expect(page.get_by_text("Beloppet kan ha högst två decimaler (hela ören).")).to_be_visible()
    check_accessibility(page)
    assert not LedgerEntry.objects.filter(kind=EntryKind.ALLOCATION, initiative=initiative).exists()
    page.get_by_label("Belopp (kr)").fill("60 000")
    page.get_by_role("button", name="Bokför").click()
    page.wait_for_url(re.compile(rf"/initiatives/{initiative.pk}/$"))
    expect(page.get_by_text("Bokfört: Fördelning till en satsning på 60")).to_be_visible()
    page.get_by_role("button", name="Flytta till ”Genomförande”").click()
    expect(page.get_by_text("Satsningen flyttades till ”Genomförande”.")).to_be_visible()
    initiative.refresh_from_db()
    assert initiative.step == InitiativeStep.EXECUTION

    # The books: the overview with its charts, then a reversal of a receipt in the ledger.
    page.goto("/funding/books/")
    check_accessibility(page)
    expect(page.get_by_role("img", name="Utfäst och inbetalt per finansiär, kr")).to_be_visible()
    page.goto("/funding/ledger/?kind=receipt")
    check_accessibility(page)
    receipt = grant.entries.get(kind=EntryKind.RECEIPT)
    page.get_by_role("link", name=f"Återför #{receipt.pk}").click()
    page.get_by_role("button", name="Bokför återföringen").click()
    expect(page.get_by_text("Detta fält måste fyllas i.")).to_be_visible()
    page.get_by_label("Varför återförs posten?").fill("Dubbelbokad från kontoutdraget")
    page.get_by_role("button", name="Bokför återföringen").click()
    # Received 150 000 less the reversal would leave less than the 60 000 allocated.
    expect(page.get_by_text("mer fördelat än inbetalt").first).to_be_visible()
    assert not LedgerEntry.objects.filter(reverses=receipt).exists()

    # The public sees totals, never notes.
    page.context.clear_cookies()
    page.goto("/funding/")
    check_accessibility(page)
    expect(page.get_by_role("rowheader", name="Stiftelsen Framtid")).to_be_visible()
    expect(page.get_by_text("Kvällsfotboll i hallen")).to_be_visible()
