"""How the workshops' public events are told."""

import datetime

import pytest
from django.utils import timezone, translation

from actors.events import Told, tell
from actors.models import Event
from actors.translations import translate
from workshops import services

from .factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def test_published_minutes_are_told_with_the_date_theme_and_public_summary(coordinator):
    workshop = WorkshopFactory(
        starts_at=timezone.make_aware(datetime.datetime(2026, 10, 21, 16)),
        theme_sv="Fritid",
        summary_sv="Vi bestämde oss för kvällsfotboll.",
    )
    translate(workshop, "en", theme="Leisure", summary="We chose evening football.")
    workshop.save()
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
