"""The period report read for one way of working: the initiatives of that way alone, the way
named on the cover and in the file's name, asked for from the reports page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.choices import WayOfWorking as W
from reports import services
from reports.builders import period
from reports.choices import ReportKind
from reports.models import ReportRequest
from tests.initiatives.factories import InitiativeFactory
from tests.reports.test_rendering import make, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(organisation):
    today = datetime.date.today()
    running = {
        "starts_on": today - datetime.timedelta(days=5),
        "ends_on": today,
        "step": "execution",
    }
    InitiativeFactory(title_sv="Läxhjälp i föreningen", way_of_working=W.OWN_INITIATIVE, **running)
    InitiativeFactory(
        title_sv="Trygga skolvägar",
        way_of_working=W.JOINT_INTERVENTION,
        owner=organisation,
        responsible_person="Sara Ali",
        **running,
    )
    return today - datetime.timedelta(days=10), today


def test_the_period_of_a_way_counts_its_initiatives_alone(running):
    start, end = running
    whole = period.build(start, end)
    joint = period.build(start, end, way=W.JOINT_INTERVENTION)
    assert sum(row["count"] for row in whole["steps"]) == 2
    assert sum(row["count"] for row in joint["steps"]) == 1
    assert joint["subject"].endswith(str(W.JOINT_INTERVENTION.label))


def test_a_way_costs_no_more_queries(running):
    start, end = running
    period.build(start, end)  # reads the site settings into the cache, as a live site has them
    with CaptureQueriesContext(connection) as whole:
        period.build(start, end)
    with CaptureQueriesContext(connection) as one:
        period.build(start, end, way=W.OWN_INITIATIVE)
    assert len(one) == len(whole)


def test_the_pdf_of_a_way_names_it(running, coordinator, django_capture_on_commit_callbacks):
    start, end = running
    report = make(
        django_capture_on_commit_callbacks,
        kind=ReportKind.PERIOD,
        start=start,
        end=end,
        way=W.JOINT_INTERVENTION,
        language="sv",
        actor=coordinator,
    )
    _reader, text = read(report)
    assert "Arbetssätt" in text
    assert report.download_name("pdf").endswith("-joint_intervention-sv.pdf")


def test_each_way_and_all_of_them_are_reports_of_their_own(running, coordinator):
    start, end = running
    asked = {
        services.report_request(
            kind=ReportKind.PERIOD,
            start=start,
            end=end,
            way=way,
            language="sv",
            actor=coordinator,
            queue=False,
        ).pk
        for way in ("", *W.values)
    }
    assert len(asked) == 1 + len(W.values)


def test_the_reports_page_asks_for_a_way_and_refuses_an_unknown_one(client, coordinator):
    client.force_login(coordinator)
    assert 'name="way"' in client.get(reverse("reports:report_list")).content.decode()
    today = datetime.date.today()
    data = {
        "kind": ReportKind.PERIOD,
        "start": today - datetime.timedelta(days=30),
        "end": today,
        "language": "sv",
    }
    response = client.post(reverse("reports:report_create"), {**data, "way": "nonsense"})
    assert response.status_code == 200
    assert not ReportRequest.objects.exists()
    response = client.post(reverse("reports:report_create"), {**data, "way": W.DISTRICT_PROJECT})
    assert response.status_code == 302
    assert ReportRequest.objects.get().way == W.DISTRICT_PROJECT
