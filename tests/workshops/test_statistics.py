"""The workshops' figures for the reports: workshops held in a period and who came."""

import datetime

import pytest
from django.utils import timezone, translation

from actors.translations import translate
from tests.factories import OrganisationFactory
from workshops import statistics

from .factories import AttendanceFactory, PlannedWorkshopFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_only_workshops_held_in_the_period_count_with_the_people_who_came():
    held = WorkshopFactory(residents=3)
    other = WorkshopFactory()
    for workshop, theme in ((held, "Safety"), (other, "Leisure")):
        translate(workshop, "en", theme=theme)
        workshop.save()
    PlannedWorkshopFactory()
    regular = OrganisationFactory(name="Ett")
    AttendanceFactory(workshop=held, organisation=regular, people=2)
    AttendanceFactory(workshop=other, organisation=regular, people=1)
    AttendanceFactory(workshop=held, organisation=OrganisationFactory(name="Två"), people=0)
    end = timezone.localdate()
    start = end - datetime.timedelta(days=30)
    with translation.override("en"):
        workshops = statistics.workshops_held(start=start, end=end)
    assert len(workshops) == 2
    assert workshops[0]["people"] + workshops[1]["people"] == 3
    assert {w["theme"] for w in workshops} == {"Safety", "Leisure"}
    attendance = statistics.attendance_by_organisation(start=start, end=end, held=len(workshops))
    # Who sent nobody is not counted as present.
    assert attendance == [{"organisation": "Ett", "workshops": 2, "people": 3, "share": 100}]
    assert statistics.workshops_held(start=end, end=end) == []
