"""seed_demo leaves a real, published evaluation report on one initiative's public page."""

import pytest
from django.urls import reverse

from reports import demo
from reports.models import ReportRequest

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_an_evaluation_report_once(completed, client):
    demo.load()
    published = ReportRequest.objects.filter(published=True)
    assert sorted(published.values_list("language", flat=True)) == ["en", "sv"]
    report = published.get(language="sv")
    assert report.initiative == completed and report.pages >= 5

    page = client.get(completed.get_absolute_url()).content.decode()
    assert reverse("reports:report_download", args=[report.pk]) in page
    download = client.get(reverse("reports:report_download", args=[report.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    demo.load()  # running it again changes nothing
    assert ReportRequest.objects.count() == 2
