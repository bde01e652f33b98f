"""The iCalendar feed and the per-workshop file, parsed back with icalendar."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from workshops.choices import MinutesState, WorkshopStatus

from .factories import PlannedWorkshopFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_feed_holds_every_recent_and_coming_workshop(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    planned = PlannedWorkshopFactory(theme_sv="Trygghet", place="Husby träff")
    held = WorkshopFactory(minutes_state=MinutesState.PUBLISHED, summary_sv="Offentligt")
    cancelled = PlannedWorkshopFactory(status=WorkshopStatus.CANCELLED)
    calendar = parse(client.get(reverse("workshops:feed")))
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    uids = {f"workshop-{w.pk}@portal.example.org" for w in (planned, held, cancelled)}
    assert set(events) == uids
    event = events[f"workshop-{planned.pk}@portal.example.org"]
    assert "Trygghet" in str(event["summary"])
    assert str(event["location"]) == "Husby träff"
    assert event.decoded("dtstart") == planned.starts_at
    assert event.decoded("dtend") == planned.ends
    assert str(events[f"workshop-{cancelled.pk}@portal.example.org"]["status"]) == "CANCELLED"
    assert "Offentligt" in str(events[f"workshop-{held.pk}@portal.example.org"]["description"])


def test_the_feed_never_shows_internal_notes_or_drafts(client):
    WorkshopFactory(notes="Hemligt", summary_sv="Utkast")
    body = client.get(reverse("workshops:feed")).content.decode()
    assert "Hemligt" not in body and "Utkast" not in body


def test_add_to_calendar_file(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    workshop = PlannedWorkshopFactory()
    response = client.get(reverse("workshops:ics", args=[workshop.pk]), HTTP_HOST="localhost:8000")
    assert "attachment" in response["Content-Disposition"]
    (event,) = parse(response).walk("VEVENT")
    # The public address and a UID that stays the same whatever host the file was read from.
    assert str(event["url"]) == f"https://portal.example.org{workshop.get_absolute_url()}"
    assert str(event["uid"]) == f"workshop-{workshop.pk}@portal.example.org"
