"""A coordinator finds what lacks Arabic, translates a need beside its Swedish text, and an
Arabic reader then reads it right to left; the translation pages fit every width, are valid HTML
and pass axe."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_coordinator_finds_decision import _assert_valid_html
from tests.e2e.tour import _OVERFLOWING, WIDTHS
from tests.prioritization.factories import NeedFactory

pytestmark = pytest.mark.django_db(transaction=True)

ARABIC_TITLE = "طرق آمنة إلى البيت في المساء"


def _fits_every_width(page, check_accessibility) -> None:
    for width in sorted(WIDTHS, reverse=True):
        page.set_viewport_size({"width": width, "height": 900})
        wide, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert wide <= inner, f"{width}px: {page.evaluate(_OVERFLOWING)}"
        if width in (1280, 390):
            check_accessibility(page)


def test_coordinator_translates_a_need_into_arabic(
    page, login, coordinator, every_language, check_accessibility, tmp_path
):
    need = NeedFactory(
        title_sv="Trygga vägar hem på kvällen", description_sv="Belysningen i parken är trasig."
    )
    login(page, coordinator.email)

    page.get_by_role("button", name="ditt konto").click()
    page.get_by_role("link", name="Översättningar").click()
    page.locator("#main").get_by_role("link", name="العربية").click()
    expect(page.get_by_role("heading", name="Väntar på översättning till العربية")).to_be_visible()
    _fits_every_width(page, check_accessibility)
    _assert_valid_html(page.request.get(page.url).text(), tmp_path)

    page.get_by_role("link", name="Trygga vägar hem på kvällen").click()
    expect(page.get_by_text("Belysningen i parken är trasig.")).to_be_visible()
    title = page.get_by_label("Rubrik (العربية)")
    assert title.get_attribute("dir") == "rtl"
    _fits_every_width(page, check_accessibility)
    _assert_valid_html(page.request.get(page.url).text(), tmp_path)
    title.fill(ARABIC_TITLE)
    page.get_by_role("button", name="Spara översättningen").click()

    expect(page.get_by_text("Översättningen sparades.")).to_be_visible()
    page.goto(f"/ar{need.get_absolute_url()}")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(ARABIC_TITLE)
    assert page.evaluate("document.documentElement.dir") == "rtl"
