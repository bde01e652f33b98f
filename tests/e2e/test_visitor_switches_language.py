import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_switches_language(page, check_accessibility, organisation):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "sv"
    expect(page.get_by_role("link", name="Aktörer").first).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("link", name="Actors").first).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Actors").first.click()
    page.wait_for_url(re.compile(r"/en/actors/$"))
    page.get_by_role("link", name="Svenska").click()
    page.wait_for_url(re.compile(r"/actors/$"))
    assert page.locator("html").get_attribute("lang") == "sv"
    check_accessibility(page)

    page.goto("/en/no-such-page/")
    expect(page.get_by_role("heading", name="We could not find that page")).to_be_visible()
    check_accessibility(page)
