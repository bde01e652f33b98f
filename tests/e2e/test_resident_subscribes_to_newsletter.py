import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.choices import SubscriberStatus
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db(transaction=True)


def confirmation_link(message) -> str:
    match = re.search(r"https?://\S+/newsletter/confirm/\S+/", message.body)
    assert match, message.body
    return re.sub(r"^https?://[^/]+", "", match.group(0))


def test_resident_subscribes_to_newsletter(page, check_accessibility, organisation):
    # From the footer of the start page: only an address.
    page.goto("/")
    footer = page.locator("footer")
    footer.get_by_label("E-postadress för nyhetsbrevet").fill("amina@example.org")
    footer.get_by_role("button", name="Anmäl dig").click()
    page.wait_for_url(re.compile(r"/newsletter/thanks/$"))
    expect(page.get_by_role("heading", name="Titta i din inkorg")).to_be_visible()
    check_accessibility(page)

    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    page.goto(confirmation_link(message))
    check_accessibility(page)
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING  # opening is not enough
    page.get_by_role("button", name="Bekräfta min prenumeration").click()
    expect(page.get_by_role("heading", name="Du prenumererar nu")).to_be_visible()
    check_accessibility(page)
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED

    # The full form: English, a name, and the link used a second time.
    page.goto("/newsletter/")
    check_accessibility(page)
    page.get_by_role("main").get_by_label("E-postadress").fill("yusuf@example.org")
    page.get_by_label("Namn (frivilligt)").fill("Yusuf")
    page.get_by_label("Nyhetsbrevets språk").select_option("en")
    page.get_by_role("button", name="Anmäl dig").click()
    page.wait_for_url(re.compile(r"/newsletter/thanks/$"))
    link = confirmation_link(mail.outbox[1])
    assert link.startswith("/en/")
    page.goto(link)
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()
    page.goto(link)
    expect(page.get_by_role("heading", name="Your address is already confirmed")).to_be_visible()
    check_accessibility(page)
