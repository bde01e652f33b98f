import re

import pytest
from playwright.sync_api import expect

from actors.models import SiteSettings

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_administrator_sets_up_collaboration(page, login, check_accessibility, admin_user, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, admin_user.email)
    page.get_by_role("link", name="Ställ in den").click()
    page.wait_for_url(re.compile(r"/setup/$"))
    check_accessibility(page)

    page.get_by_label("Samverkans namn (på svenska)").fill("Malmö Tillsammans")
    page.get_by_label("Kortnamn").fill("IoU65+")
    page.get_by_label("Område").fill("Malmö")
    page.get_by_label("Namn på rådet eller referensgruppen").fill("Referensgruppen 65+")
    page.get_by_role("button", name="Spara: Samverkan").click()
    expect(page.get_by_text("Samverkan: sparat.")).to_be_visible()

    # Grey links on white fall short of AA: the look comes back with the pair and its ratio.
    page.get_by_label("Huvudfärg").fill("#777777")
    page.get_by_role("button", name="Spara: Logotyp och färger").click()
    expect(page.get_by_text("kontrasten är 4.48:1").first).to_be_visible()
    check_accessibility(page)
    assert SiteSettings.current().primary_colour == "#0b5d57"

    page.get_by_label("Huvudfärg").fill("#1d3557")
    page.get_by_label("Sidhuvudets bakgrund").fill("#1d3557")
    page.get_by_label("Text i sidhuvudet").fill("#ffffff")
    page.get_by_role("button", name="Spara: Logotyp och färger").click()
    expect(page.get_by_text("Logotyp och färger: sparat.")).to_be_visible()
    header = page.locator("header.site-header")
    expect(header).to_have_css("background-color", "rgb(29, 53, 87)")
    expect(page.locator(".navbar-brand")).to_have_css("color", "rgb(255, 255, 255)")
    check_accessibility(page)
