"""With production's page cache on, two residents on two phones each open every public form from
a page the cache served, and send it: both get through."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from newsletter.links import MANAGE_SALT, make_token
from newsletter.models import Subscriber
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def visitors(browser, live_server, settings):
    settings.PAGE_CACHE_ENABLED = True
    contexts = [browser.new_context(base_url=live_server.url, locale="sv-SE") for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    yield pages
    for context in contexts:
        context.close()


def open_from_cache(pages, path):
    """Both visitors open the page, the cache having kept it from an earlier visit."""
    for page in pages:
        response = page.goto(path)
        assert response.headers.get("x-page-cache") == "hit", path


def test_two_visitors_send_every_public_form_from_cached_pages(visitors, client, site, mailoutbox):
    for path in ("/", "/newsletter/", "/ideas/new/"):
        assert client.get(path)["X-Page-Cache"] == "miss"

    open_from_cache(visitors, "/")
    for number, page in enumerate(visitors):
        footer = page.locator("footer")
        footer.get_by_label("E-postadress för nyhetsbrevet").fill(f"fot{number}@example.org")
        footer.get_by_role("button", name="Anmäl dig").click()
        page.wait_for_url(re.compile(r"/newsletter/thanks/$"))

    open_from_cache(visitors, "/newsletter/")
    for number, page in enumerate(visitors):
        page.locator("main").get_by_label("E-postadress").fill(f"sida{number}@example.org")
        page.locator("main").get_by_role("button", name="Anmäl dig").click()
        page.wait_for_url(re.compile(r"/newsletter/thanks/$"))

    open_from_cache(visitors, "/ideas/new/")
    for number, page in enumerate(visitors):
        page.get_by_label("Rubrik").fill(f"Utegym {number}")
        page.get_by_label("Din idé eller ditt behov").fill("Ett upplyst utegym vid skolan.")
        page.locator("main").get_by_label("E-postadress").fill(f"ide{number}@example.org")
        page.get_by_role("button", name="Skicka idén").click()
        expect(page.get_by_role("heading", name="Titta i din e-post")).to_be_visible()
    subscribers = [SubscriberFactory(email=f"prenumerant{n}@example.org") for n in range(2)]
    for page, subscriber in zip(visitors, subscribers, strict=True):
        token = make_token(subscriber, salt=MANAGE_SALT)
        page.goto(reverse("newsletter:preferences", args=[token]))
    for page in visitors:
        page.get_by_label("Namn (frivilligt)").fill("Amina")
        page.get_by_role("button", name="Spara").click()
        expect(page.get_by_text("Dina val är sparade.")).to_be_visible()
    assert set(Subscriber.objects.values_list("email", flat=True)) >= {
        "fot0@example.org", "fot1@example.org", "sida0@example.org", "sida1@example.org",
    }  # fmt: skip
    assert [s.name for s in Subscriber.objects.filter(pk__in=[s.pk for s in subscribers])] == [
        "Amina",
        "Amina",
    ]
