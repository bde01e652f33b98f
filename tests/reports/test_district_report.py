"""The period report read for one district: its workshops, needs and initiatives with the whole
collaboration's, the district named on the cover, asked for from the reports page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actors.models import District
from reports import services
from reports.builders import period
from reports.choices import ReportKind
from reports.models import ReportRequest
from tests.reports.test_rendering import make, read
from tests.workshops.factories import WorkshopFactory, days_from_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def districts():
    return (
        District.objects.create(slug="drottninghog", name_sv="Drottninghög", position=1),
        District.objects.create(slug="dalhem", name_sv="Dalhem", position=2),
    )


@pytest.fixture
def held(districts):
    drottninghog, dalhem = districts
    WorkshopFactory(theme_sv="Lekplatsen", district=drottninghog, starts_at=days_from_now(-3))
    WorkshopFactory(theme_sv="Badhuset", district=dalhem, starts_at=days_from_now(-3))
    WorkshopFactory(theme_sv="Hela stadens fest", district=None, starts_at=days_from_now(-3))
    today = datetime.date.today()
    return today - datetime.timedelta(days=10), today


def themes(data) -> set[str]:
    return {row["theme"] for row in data["workshops"]}


def test_the_period_of_a_district_counts_its_workshops_and_the_whole_collaborations(
    held, districts
):
    start, end = held
    data = period.build(start, end, districts[0])
    assert themes(data) == {"Lekplatsen", "Hela stadens fest"}
    assert data["district"] == "Drottninghög"
    assert data["subject"].endswith("· Drottninghög")
    assert themes(period.build(start, end)) == {"Lekplatsen", "Badhuset", "Hela stadens fest"}


def test_a_district_costs_no_more_queries(held, districts):
    start, end = held
    period.build(start, end)  # reads the site settings into the cache, as a live site has them
    with CaptureQueriesContext(connection) as whole:
        period.build(start, end)
    with CaptureQueriesContext(connection) as one:
        period.build(start, end, districts[0])
    assert len(one) == len(whole)


def test_the_pdf_of_a_district_names_it(
    held, districts, coordinator, django_capture_on_commit_callbacks
):
    start, end = held
    report = make(
        django_capture_on_commit_callbacks,
        kind=ReportKind.PERIOD,
        start=start,
        end=end,
        district=districts[0],
        language="sv",
        actor=coordinator,
    )
    _reader, text = read(report)
    assert "Drottninghög" in text
    assert "Lekplatsen" in text
    assert "Badhuset" not in text
    assert report.download_name("pdf").endswith("-drottninghog-sv.pdf")


def test_each_district_and_the_whole_are_reports_of_their_own(held, districts, coordinator):
    start, end = held
    asked = [
        services.report_request(
            kind=ReportKind.PERIOD,
            start=start,
            end=end,
            district=district,
            language="sv",
            actor=coordinator,
            queue=False,
        )
        for district in (*districts, None)
    ]
    assert len({report.pk for report in asked}) == 3


def test_the_reports_page_asks_for_a_district_only_when_there_are_two(client, coordinator):
    client.force_login(coordinator)
    District.objects.create(slug="husby", name_sv="Husby")
    assert 'name="district"' not in client.get(reverse("reports:report_list")).content.decode()
    dalhem = District.objects.create(slug="dalhem", name_sv="Dalhem")
    assert 'name="district"' in client.get(reverse("reports:report_list")).content.decode()
    today = datetime.date.today()
    response = client.post(
        reverse("reports:report_create"),
        {
            "kind": ReportKind.PERIOD,
            "start": today - datetime.timedelta(days=30),
            "end": today,
            "district": dalhem.pk,
            "language": "sv",
        },
    )
    assert response.status_code == 302
    assert ReportRequest.objects.get().district == dalhem
