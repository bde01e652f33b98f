"""A member asks the fund for money from the initiative's page (an amount beyond the budget comes
back with a message); the treasurer is told, grants a smaller amount from the list of requests,
and the member reads the answer on the initiative's page."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from funding.choices import EntryKind
from funding.models import LedgerEntry
from tests.funding.factories import waiting_for_money

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_asks_fund_and_treasurer_grants(
    page, login, check_accessibility, member, treasurer, organisation
):
    grant, initiative = waiting_for_money(treasurer, organisation)

    # The member asks; more than the budget comes back with the reason.
    login(page, member.email)
    page.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Sök pengar ur fonden").click()
    check_accessibility(page)
    assert page.get_by_label("Satsning").input_value() == str(initiative.pk)
    page.get_by_label("Sökt belopp (kr)").fill("70 000")
    page.get_by_label("Vad pengarna ska användas till").fill("Hallhyra och ledare, mars–juni.")
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_text("Det är mer än satsningens budget")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Sökt belopp (kr)").fill("60 000")
    page.get_by_role("button", name="Skicka ansökan").click()
    page.wait_for_url(re.compile(rf"/initiatives/{initiative.pk}/$"))
    expect(page.get_by_text("Er ansökan skickades till kassören.")).to_be_visible()
    expect(page.get_by_text(re.compile("söktes den .*: Väntar på svar"))).to_be_visible()
    check_accessibility(page)

    # The treasurer is told, and grants less than was asked for.
    login(page, treasurer.email)
    page.get_by_role("link", name="Aviseringar 1 oläst", exact=True).wait_for()
    page.get_by_role("link", name="1 ansökan om medel väntar på svar").click()
    check_accessibility(page)
    page.get_by_role("link", name="Kvällsfotboll i hallen").click()
    check_accessibility(page)
    assert page.get_by_label("Belopp (kr)").input_value() == "60000,00"
    page.locator("#id_grant").select_option(str(grant.pk))
    page.get_by_label("Belopp (kr)").fill("45 000")
    page.get_by_role("button", name="Bevilja och bokför fördelningen").click()
    page.wait_for_url(re.compile(r"/funding/requests/$"))
    expect(page.get_by_text("Ansökan beviljades och fördelningen bokfördes.")).to_be_visible()
    entry = LedgerEntry.objects.get(kind=EntryKind.ALLOCATION)
    assert (entry.initiative, entry.amount) == (initiative, Decimal("45000.00"))

    # The member reads the answer.
    login(page, member.email)
    page.goto(initiative.get_absolute_url())
    expect(page.get_by_text("45\xa0000 kr fördelades.")).to_be_visible()
    expect(page.get_by_role("link", name="Sök pengar ur fonden")).to_be_visible()
    check_accessibility(page)
