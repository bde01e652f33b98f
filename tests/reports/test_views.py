"""The report pages: asking for a report, following it, downloading, publishing, open data."""

import io
import zipfile

import pytest
from django.urls import reverse

from actors.models import SiteSettings
from initiatives.models import Initiative
from reports.choices import ReportStatus
from reports.models import ReportRequest
from tests.initiatives.factories import InitiativeFactory

from .conftest import PDF_BYTES, stored_report

pytestmark = pytest.mark.django_db


def test_an_evaluator_asks_for_a_period_report_and_gets_it(
    client, evaluator, django_capture_on_commit_callbacks
):
    client.force_login(evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:report_create"),
            {"kind": "period", "start": "2026-01-01", "end": "2026-06-30", "language": "en"},
        )
    report = ReportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.status == ReportStatus.READY and report.requested_by == evaluator
    status = client.get(reverse("reports:report_status", args=[report.pk])).json()
    assert status["status"] == "ready" and status["download_url"]
    download = client.get(status["download_url"])
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "period-20260101-20260630-en.pdf" in download["Content-Disposition"]
    package = client.get(status["package_url"])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(package.streaming_content)))
    assert {"README.md", "summary.csv", "workshops.csv", "money_by_focus_area.csv"} <= set(
        archive.namelist()
    )
    readme = archive.read("README.md").decode()
    assert "workshops.csv" in readme and "`residents`" in readme


def test_the_report_page_says_only_what_is_true_once_it_is_ready(
    client, evaluator, django_capture_on_commit_callbacks
):
    """The report is made after the request commits, so the view cannot know whether it will be
    ready when its page shows: the message says what stays true, the page shows the status."""
    client.force_login(evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:report_create"),
            {"kind": "period", "start": "2026-01-01", "end": "2026-06-30", "language": "sv"},
        )
    html = client.get(response["Location"]).content.decode()
    assert "Rapporten är beställd." in html
    assert '<strong data-role="label">Klar</strong>' in html
    assert "skapas" not in html


def test_the_form_marks_the_fields_of_each_kind_for_the_script_that_hides_the_others(
    client, evaluator
):
    client.force_login(evaluator)
    html = client.get(reverse("reports:report_list")).content.decode()
    initiative = html.index('<div data-shown-when="kind=initiative">')
    period = html.index('<div data-shown-when="kind=period">')
    assert initiative < html.index('name="initiative"') < period
    assert period < html.index('name="start"') < html.index('name="end"')
    assert "js/shown_when.js" in html and "<script>" not in html


def test_bad_input_gives_the_form_back_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:report_create"),
        {"kind": "period", "start": "2026-06-01", "end": "2026-01-01", "language": "sv"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end"]
    response = client.post(
        reverse("reports:report_create"), {"kind": "initiative", "language": "xx"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"initiative", "language"}
    assert not ReportRequest.objects.exists()


def test_a_visit_to_the_asking_address_leads_to_the_form(client_for):
    """A reload or the back button after the form came back with errors lands on the form."""
    response = client_for("evaluator").get(reverse("reports:report_create"))
    assert response.status_code == 302 and response["Location"] == reverse("reports:report_list")
    response = client_for("coordinator").get(reverse("reports:report_create") + "?initiative=7")
    assert response["Location"] == reverse("reports:report_list") + "?initiative=7"
    assert client_for("treasurer").get(reverse("reports:report_create")).status_code == 403


def test_asking_is_refused_to_other_roles(client, client_for):
    anonymous = client_for("anonymous").post(reverse("reports:report_create"), {})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client_for("outsider").post(reverse("reports:report_create"), {}).status_code == 403
    assert client_for("treasurer").post(reverse("reports:report_create"), {}).status_code == 403
    assert not ReportRequest.objects.exists()


def test_the_progress_page_polls_a_status_endpoint_without_inline_script(client, evaluator):
    initiative = InitiativeFactory(step="proposal")
    report = stored_report(initiative, status=ReportStatus.QUEUED)
    client.force_login(evaluator)
    page = client.get(report.get_absolute_url())
    html = page.content.decode()
    assert 'data-status="queued"' in html
    assert reverse("reports:report_status", args=[report.pk]) in html
    assert "reports/report_status.js" in html
    assert "<script>" not in html and 'style="' not in html
    status = client.get(reverse("reports:report_status", args=[report.pk])).json()
    assert status == {
        "status": "queued",
        "label": "I kö",
        "reason": "",
        "pages": 3,
        "download_url": None,
        "package_url": None,
    }
    assert (
        "no-cache"
        in client.get(reverse("reports:report_status", args=[report.pk]))["Cache-Control"]
    )


def test_a_coordinator_publishes_and_the_public_finds_it_on_the_initiative_page(
    client, coordinator
):
    initiative = InitiativeFactory(step="completed")
    report = stored_report(initiative)
    page = client.get(initiative.get_absolute_url())
    assert reverse("reports:report_download", args=[report.pk]) not in page.content.decode()

    client.force_login(coordinator)
    response = client.post(reverse("reports:report_publish", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.published and report.published_by == coordinator

    client.logout()
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert reverse("reports:report_download", args=[report.pk]) in page
    download = client.get(reverse("reports:report_download", args=[report.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES

    client.force_login(coordinator)
    client.post(reverse("reports:report_unpublish", args=[report.pk]))
    client.logout()
    response = client.get(reverse("reports:report_download", args=[report.pk]))
    assert response.status_code == 302  # to the login page again


def test_a_period_report_cannot_be_published(client, coordinator):
    report = ReportRequest.objects.create(
        kind="period",
        period_start="2026-01-01",
        period_end="2026-06-30",
        status="ready",
        file="x.pdf",
    )
    client.force_login(coordinator)
    client.post(reverse("reports:report_publish", args=[report.pk]))
    report.refresh_from_db()
    assert not report.published


def test_retry_of_a_report_that_is_not_failed_changes_nothing(client, evaluator):
    report = stored_report(InitiativeFactory(step="proposal"))
    client.force_login(evaluator)
    client.post(reverse("reports:report_retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.READY and report.attempts == 0


def test_open_data_is_everything_public_with_formulas_defused(client):
    InitiativeFactory(step="proposal", title_sv='=HYPERLINK("http://evil.example")')
    InitiativeFactory(step="needs", title_sv="Ett utkast som inte är publikt")
    response = client.get(reverse("reports:open_data_download"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {
        "README.md",
        "initiatives.csv",
        "needs.csv",
        "prioritisation_results.csv",
        "indicators.csv",
        "funding_per_initiative.csv",
        "funding_per_funder.csv",
    }
    initiatives = archive.read("initiatives.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in initiatives
    assert "utkast" not in initiatives
    assert initiatives.splitlines()[0].startswith("id,title_sv,title_en,title_so,title_ar")


def test_report_list_runs_a_fixed_number_of_queries(client, evaluator, django_assert_num_queries):
    client.force_login(evaluator)
    initiative = InitiativeFactory(step="proposal")
    SiteSettings.current()  # cached, as on a live site, so both sizes count alike
    for size in (2, 30):
        while ReportRequest.objects.count() < size:
            stored_report(initiative, tmp_name=f"r{ReportRequest.objects.count()}")
        # session, user, roles and memberships (one union), the count, the districts (offered
        # only with two or more), the form's initiatives, the page of reports with their
        # initiatives and districts
        with django_assert_num_queries(7):
            assert client.get(reverse("reports:report_list")).status_code == 200


def test_the_initiative_panel_costs_one_query(client, django_assert_num_queries):
    initiative = InitiativeFactory(step="completed")
    stored_report(initiative, published=True)
    client.get(initiative.get_absolute_url())  # warm the site settings cache
    # the initiative page's own: the initiative, its thread (the initiative, partners, target
    # groups, needs, quotes, consultations, outcomes, follow-ups, log) and its money; plus one
    # for its published reports
    with django_assert_num_queries(12):
        assert client.get(initiative.get_absolute_url()).status_code == 200
    assert Initiative.objects.count() == 1
