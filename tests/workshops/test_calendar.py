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


def test_the_feed_holds_every_recent_and_coming_workshop(client):
    planned = PlannedWorkshopFactory(theme_sv="Trygghet", place="Husby träff")
    held = WorkshopFactory(minutes_state=MinutesState.PUBLISHED, summary_sv="Offentligt")
    cancelled = PlannedWorkshopFactory(status=WorkshopStatus.CANCELLED)
    calendar = parse(client.get(reverse("workshops:feed")))
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"workshop-{w.pk}@testserver" for w in (planned, held, cancelled)}
    event = events[f"workshop-{planned.pk}@testserver"]
    assert "Trygghet" in str(event["summary"])
    assert str(event["location"]) == "Husby träff"
    assert event.decoded("dtstart") == planned.starts_at
    assert event.decoded("dtend") == planned.ends
    assert str(events[f"workshop-{cancelled.pk}@testserver"]["status"]) == "CANCELLED"
    assert "Offentligt" in str(events[f"workshop-{held.pk}@testserver"]["description"])


def test_the_feed_never_shows_internal_notes_or_drafts(client):
    WorkshopFactory(notes="Hemligt", summary_sv="Utkast")
    body = client.get(reverse("workshops:feed")).content.decode()
    assert "Hemligt" not in body and "Utkast" not in body


def test_add_to_calendar_file(client):
    workshop = PlannedWorkshopFactory()
    response = client.get(reverse("workshops:ics", args=[workshop.pk]))
    assert "attachment" in response["Content-Disposition"]
    (event,) = parse(response).walk("VEVENT")
    assert str(event["url"]).endswith(workshop.get_absolute_url())
