"""A resident without an account follows an initiative from its page, confirms from the mail,
and is mailed its next move; the follow form works from a page the cache served."""

import re

import pytest
from django.core import mail

from newsletter.choices import SubscriberStatus
from newsletter.models import Follower
from newsletter.services import telling
from tests.newsletter.following import decide, public_initiative

pytestmark = pytest.mark.django_db(transaction=True)


def link_in(message, part: str) -> str:
    match = re.search(rf"https?://\S+{part}\S+/", message.body)
    assert match, message.body
    return re.sub(r"^https?://[^/]+", "", match.group(0))


def test_resident_follows_an_initiative_and_hears_its_next_move(
    page, check_accessibility, site, coordinator, settings, client
):
    settings.PAGE_CACHE_ENABLED = True
    initiative = public_initiative(title_sv="Kvällsfotboll")
    follow_path = f"/newsletter/follow/initiative/{initiative.pk}/"
    assert client.get(follow_path)["X-Page-Cache"] == "miss"

    page.goto(initiative.get_absolute_url())
    page.get_by_role("link", name="Följ via e-post").click()
    page.wait_for_url(re.compile(r"/newsletter/follow/initiative/\d+/$"))
    assert page.goto(follow_path).headers.get("x-page-cache") == "hit"
    check_accessibility(page)
    page.get_by_role("main").get_by_label("E-postadress").fill("amina@example.org")
    page.get_by_role("button", name="Följ", exact=True).click()
    assert page.get_by_role("heading", name="Titta i din e-post").is_visible()
    check_accessibility(page)

    (confirmation,) = mail.outbox
    assert confirmation.to == ["amina@example.org"]
    page.goto(link_in(confirmation, "/newsletter/follow/confirm/"))
    check_accessibility(page)
    assert Follower.objects.get().status == SubscriberStatus.PENDING  # opening is not enough
    page.get_by_role("button", name="Börja följa").click()
    assert page.get_by_role("heading", name="Du följer det").is_visible()
    assert Follower.objects.get().status == SubscriberStatus.CONFIRMED

    decide(initiative, coordinator)
    telling.followers_tell()
    news = mail.outbox[1]
    assert news.to == ["amina@example.org"] and "Kvällsfotboll" in news.subject
    assert "Beslutades den 18 november 2026." in news.body
    assert news.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(link_in(news, "/newsletter/follow/stop/"))
    check_accessibility(page)
    page.get_by_role("button", name="Sluta följa").click()
    assert page.get_by_role("heading", name="Du följer det inte längre").is_visible()
    assert Follower.objects.get().status == SubscriberStatus.UNSUBSCRIBED
