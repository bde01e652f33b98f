"""What the workshops add to other apps' pages, and the newsletter digest."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from workshops import digest, panels
from workshops.choices import MinutesState

from .factories import ActionFactory, IdeaFactory, PlannedWorkshopFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_menu_links_to_the_workshops(member):
    (link,) = panels.nav(request_for(member))
    assert link.url == reverse("workshops:list")


def test_the_start_page_shows_the_next_workshop(client):
    PlannedWorkshopFactory(theme_sv="Föräldrar som resurs")
    response = client.get(reverse("actors:home"))
    assert "Föräldrar som resurs" in response.text


def test_the_coordinator_sees_drafts_and_ideas_due(client, coordinator):
    WorkshopFactory(theme_sv="Utkastets tema")
    IdeaFactory(text_sv="Dags igen", look_again_on=timezone.localdate())
    IdeaFactory(text_sv="Inte än", look_again_on=timezone.localdate() + datetime.timedelta(days=9))
    client.force_login(coordinator)
    response = client.get(reverse("actors:dashboard"))
    assert "Utkastets tema" in response.text and "Dags igen" in response.text
    assert "Inte än" not in response.text


def test_members_see_the_open_actions_of_their_organisation(
    client, member, organisation, other_organisation
):
    ActionFactory(owner=organisation, text_sv="Vår öppna åtgärd")
    ActionFactory(owner=organisation, text_sv="Vår klara åtgärd", done_at=timezone.now())
    ActionFactory(owner=other_organisation, text_sv="Någon annans åtgärd")
    client.force_login(member)
    response = client.get(reverse("actors:dashboard"))
    assert "Vår öppna åtgärd" in response.text
    assert "Vår klara åtgärd" not in response.text and "Någon annans åtgärd" not in response.text


def test_the_digest_tells_published_workshops_and_the_next_one():
    since = timezone.now() - datetime.timedelta(days=30)
    published = WorkshopFactory(
        minutes_state=MinutesState.PUBLISHED, summary_sv="Vi bestämde oss för kvällsfotboll."
    )
    WorkshopFactory(summary_sv="Ett utkast")  # draft: not told
    WorkshopFactory(
        minutes_state=MinutesState.PUBLISHED, starts_at=since - datetime.timedelta(days=1)
    )  # before `since`
    following = PlannedWorkshopFactory()
    items = digest.items(since=since)
    assert [item["kind"] for item in items] == ["workshop_held", "workshop_next"]
    assert items[0]["text"] == "Vi bestämde oss för kvällsfotboll."
    assert items[0]["url"] == published.get_absolute_url()
    assert items[1]["url"] == following.get_absolute_url()
    assert all(set(item) == {"kind", "title", "text", "url"} for item in items)


def test_the_digest_is_empty_when_nothing_happened():
    assert digest.items(since=timezone.now()) == []
