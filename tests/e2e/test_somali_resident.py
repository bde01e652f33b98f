"""A Somali-speaking resident, on a phone, sends an idea and signs up for the newsletter from the
Somali pages, and gets both mails in Somali."""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from focusgroups.models import Idea
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def so(message: str) -> str:
    """The Somali catalogue's text for `message`, which must differ from the Swedish one."""
    with translation.override("so"):
        somali = translation.gettext(message)
    with translation.override("sv"):
        assert somali != translation.gettext(message), f"{message!r} is not in Somali"
    return somali


def field(main, message: str, role: str = "textbox"):
    """The form field named by the Somali text of `message` (a required one's name ends in a
    star)."""
    return main.get_by_role(role, name=re.compile(rf"^{re.escape(capfirst(so(message)))}\*?$"))


def header(message, name: str) -> str:
    return message.message()[name]


def test_somali_resident_sends_idea_and_signs_up(page, check_accessibility, site):
    site.languages = ["sv", "en", "so", "ar", "ti", "sv-plain"]
    site.save()
    page.set_viewport_size(PHONE)

    page.goto("/so/ideas/new/")
    expect(page.locator("html")).to_have_attribute("lang", "so")
    check_accessibility(page)
    main = page.get_by_role("main")
    field(main, "title").fill("Garoon ciyaareed")
    field(main, "your idea or need").fill(
        "Carruurtu meel ay ku ciyaaraan fiidkii ayay u baahan yihiin."
    )
    field(main, "e-mail address").fill("faadumo@example.org")
    main.get_by_role("button", name=so("Send the idea")).click()
    expect(page.get_by_role("heading", name=so("Check your e-mail"))).to_be_visible()
    check_accessibility(page)
    assert Idea.objects.get().language == "so"

    (idea_mail,) = mail.outbox
    assert idea_mail.subject == so("Confirm your idea")
    assert so("Thank you for sending an idea.") in idea_mail.body
    assert header(idea_mail, "Content-Language") == "so"
    assert re.search(r"https?://\S+/so/\S+", idea_mail.body)

    page.goto("/so/newsletter/")
    check_accessibility(page)
    main = page.get_by_role("main")
    field(main, "E-mail address").fill("faadumo@example.org")
    # The newsletter's language is the page's unless the resident chooses another.
    expect(field(main, "Language of the newsletter", "combobox")).to_have_value("so")
    main.get_by_role("button", name=so("Sign up")).click()
    page.wait_for_url(re.compile(r"/so/newsletter/thanks/$"))
    expect(page.get_by_role("heading", name=so("Check your inbox"))).to_be_visible()
    check_accessibility(page)
    assert Subscriber.objects.get().language == "so"

    signup_mail = mail.outbox[1]
    with translation.override("so"):
        expected = translation.gettext(
            "Confirm your subscription to the newsletter of %(site)s"
        ) % {"site": site.name}
    assert signup_mail.subject == expected
    assert so("Confirm my subscription") in signup_mail.alternatives[0][0]
    assert 'lang="so"' in signup_mail.alternatives[0][0]
    assert header(signup_mail, "Content-Language") == "so"
    link = re.search(r"https?://\S+/so/newsletter/confirm/\S+/", signup_mail.body).group(0)
    page.goto(link)
    check_accessibility(page)
    page.get_by_role("button", name=so("Confirm my subscription")).click()
    expect(page.locator("html")).to_have_attribute("lang", "so")
    check_accessibility(page)
