"""A resident shares an idea without an account, confirms it with the button behind the e-mail's
link, and a coordinator takes it up as a need; the resident is told."""

import re

import pytest
from playwright.sync_api import expect

from focusgroups.choices import IdeaStatus
from focusgroups.models import Idea
from prioritization.models import Need
from tests.prioritization.factories import FocusAreaFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_resident_shares_idea(page, login, check_accessibility, coordinator, mailoutbox):
    FocusAreaFactory(slug="fysisk-halsa", name_sv="God fysisk hälsa")
    page.goto("/ideas/new/")
    check_accessibility(page)
    page.get_by_label("Rubrik").fill("Utegym vid skolan")
    page.get_by_label("Din idé eller ditt behov").fill(
        "Ett upplyst utegym skulle få fler att träna."
    )
    page.get_by_role("main").get_by_label("E-postadress").fill("inte-en-adress")
    page.get_by_role("button", name="Skicka idén").click()
    expect(page.get_by_text("Fyll i en giltig e-postadress.")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("main").get_by_label("E-postadress").fill("boende@example.org")
    page.get_by_role("button", name="Skicka idén").click()
    expect(page.get_by_role("heading", name="Titta i din e-post")).to_be_visible()
    link = re.search(r"https?://\S+", mailoutbox[-1].body).group(0)
    page.goto(link)
    check_accessibility(page)
    assert Idea.objects.get().status == IdeaStatus.UNCONFIRMED  # opening the link is not enough
    page.get_by_role("button", name="Bekräfta idén").click()
    expect(page.get_by_role("heading", name="Din idé är bekräftad")).to_be_visible()
    assert Idea.objects.get().status == IdeaStatus.AWAITING
    page.goto(link)
    expect(page.get_by_role("heading", name="Din idé är redan bekräftad")).to_be_visible()
    login(page, coordinator.email)
    page.get_by_role("link", name="Utegym vid skolan").click()
    check_accessibility(page)
    page.get_by_label("Ta upp den som ett behov").check()
    page.get_by_label("Meddelande till avsändaren").fill(
        "Tack, vi tar upp det i nästa prioritering."
    )
    page.get_by_label("Det nya behovets fokusområde").select_option(label="God fysisk hälsa")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(re.compile(r"/needs/\d+/$"))
    expect(page.get_by_role("heading", name="Utegym vid skolan")).to_be_visible()
    assert Need.objects.get().ideas.get().status == IdeaStatus.ACCEPTED
    assert "Tack, vi tar upp det" in mailoutbox[-1].body
