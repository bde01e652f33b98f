import re

import pytest
from playwright.sync_api import expect

from actors.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_edits_organisation(page, login, check_accessibility, member, organisation):
    login(page, member.email)
    check_accessibility(page)

    page.goto(organisation.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("link", name="Redigera organisationen").click()
    check_accessibility(page)

    page.get_by_label("Webbplats").fill("inte en adress")
    page.get_by_label("Beskrivning (på svenska)").fill("Ett kvartershus i Husby.")
    page.get_by_role("button", name="Spara").click()
    # The form comes back with a translated message and keeps what was typed.
    expect(page.get_by_text("Fyll i en giltig URL.")).to_be_visible()
    assert page.get_by_label("Beskrivning (på svenska)").input_value() == "Ett kvartershus i Husby."
    check_accessibility(page)

    page.get_by_label("Webbplats").fill("https://folketshusby.example.org")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/actors/folkets-husby/$"))
    expect(page.get_by_text("Organisationen sparades.")).to_be_visible()
    organisation.refresh_from_db()
    assert organisation.website == "https://folketshusby.example.org"
    assert organisation.description_sv == "Ett kvartershus i Husby."


def test_member_cannot_edit_another_organisation(page, login, member, other_organisation):
    login(page, member.email)
    response = page.goto(f"/actors/{other_organisation.slug}/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Du får inte göra det")).to_be_visible()
    assert Organisation.objects.get(pk=other_organisation.pk).website == ""
