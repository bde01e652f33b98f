"""What the workshops add to other apps' pages, and how their public events are told."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from actors.events import Told, tell
from actors.models import Event
from workshops import panels, services

from .factories import ActionFactory, ParkedItemFactory, PlannedWorkshopFactory, WorkshopFactory

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
    ParkedItemFactory(text_sv="Dags igen", look_again_on=timezone.localdate())
    ParkedItemFactory(
        text_sv="Inte än", look_again_on=timezone.localdate() + datetime.timedelta(days=9)
    )
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


def test_published_minutes_are_told_with_the_date_theme_and_public_summary(coordinator):
    workshop = WorkshopFactory(
        starts_at=timezone.make_aware(datetime.datetime(2026, 10, 21, 16)),
        theme_sv="Fritid",
        theme_en="Leisure",
        summary_sv="Vi bestämde oss för kvällsfotboll.",
        summary_en="We chose evening football.",
    )
    services.workshop_publish(workshop=workshop, actor=coordinator)
    event = Event.objects.get()
    assert event.public
    told = tell(event)
    assert told == Told(
        "Workshop 21 oktober: Fritid",
        workshop.get_absolute_url(),
        "Vi bestämde oss för kvällsfotboll.",
    )
    with translation.override("en"):
        assert tell(event).title == "Workshop 21 October: Leisure"
        assert tell(event).text == "We chose evening football."
