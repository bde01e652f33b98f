"""A coordinator types two words into the header's search box and finds last spring's decision;
the results page fits every screen width, is valid HTML and passes axe."""

import json
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from tests.e2e.test_every_page_is_valid_html import VNU
from tests.e2e.tour import _OVERFLOWING, WIDTHS
from tests.portal.test_search import last_springs_decision

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_finds_decision(page, login, coordinator, check_accessibility, tmp_path):
    spring = last_springs_decision(years=1)
    login(page, coordinator.email)

    page.get_by_role("searchbox", name="Sök efter").fill("läxhjälp biblioteket")
    page.get_by_role("button", name="Sök", exact=True).click()

    expect(page.get_by_role("heading", level=1, name="Sök")).to_be_visible()
    first = page.locator(".search-hits > li").first
    expect(first).to_contain_text("flyttar till biblioteket i Husby")
    expect(first.locator("mark").first).to_be_visible()
    for width in sorted(WIDTHS, reverse=True):
        page.set_viewport_size({"width": width, "height": 900})
        wide, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert wide <= inner, f"{width}px: {page.evaluate(_OVERFLOWING)}"
        if width in (1280, 390):
            check_accessibility(page)
    _assert_valid_html(page.request.get(page.url).text(), tmp_path)

    first.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Beslut")).to_be_visible()
    assert f"/workshops/{spring.pk}/" in page.url


def _assert_valid_html(html: str, tmp_path) -> None:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("The Nu HTML Checker needs Java and node_modules/")
    (tmp_path / "search.html").write_text(html)
    checked = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = [m for m in json.loads(checked.stderr)["messages"] if m["type"] == "error"]
    assert not errors, errors
