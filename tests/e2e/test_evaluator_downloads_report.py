"""An evaluator asks for an initiative's evaluation report in the browser, follows its progress
on a page that updates by itself, and downloads the PDF and its data package; a coordinator then
publishes it, and a visitor finds it on the initiative's public page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from reports import services
from reports.choices import ReportStatus
from reports.models import ReportRequest
from tests.factories import translated
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_evaluator_downloads_report(page, login, check_accessibility, evaluator, coordinator):
    initiative = translated(
        InitiativeFactory(step="completed", title_sv="Läxhjälp efter skolan"), title="Homework help"
    )

    login(page, evaluator.email)
    # The address the form is sent to, visited (a reload, the back button), leads to the form.
    page.goto("/reports/new/")
    page.wait_for_url(re.compile(r"/reports/$"))
    check_accessibility(page)
    # A period report is chosen at first: only its fields show, until another kind is chosen.
    initiative_field = page.get_by_label("Satsning", exact=True)
    expect(page.get_by_label("Från")).to_be_visible()
    expect(initiative_field).to_be_hidden()
    page.get_by_label("Utvärderingsrapport för satsning").check()
    expect(initiative_field).to_be_visible()
    expect(page.get_by_label("Från")).to_be_hidden()
    initiative_field.select_option(label=initiative.title_sv)
    page.get_by_role("combobox", name="Språk").select_option("en")
    page.get_by_role("button", name="Skapa rapporten").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    check_accessibility(page)
    assert "Rapporten är beställd." in page.get_by_role("main").inner_text()

    download_link = page.get_by_role("link", name="Ladda ner PDF:en")
    download_link.wait_for()
    with page.expect_download() as download:
        download_link.click()
    path = download.value.path()
    with open(path, "rb") as file:
        assert file.read(5) == b"%PDF-"
    assert download.value.suggested_filename == f"evaluation-{initiative.pk}-en.pdf"
    with page.expect_download() as package:
        page.get_by_role("link", name="Ladda ner uppgifterna (CSV i en ZIP-fil)").click()
    assert package.value.suggested_filename.endswith(".zip")

    # An address that only takes a form, visited (a reload after "Try again"), says so.
    report_page = page.url
    page.goto(report_page + "retry/")
    page.get_by_role(
        "heading", name="Den här adressen tar bara emot ett skickat formulär"
    ).wait_for()
    check_accessibility(page)

    # A report still on its way: the page follows it without being reloaded by hand.
    waiting = ReportRequest.objects.create(
        kind="period",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        language="sv",
        requested_by=evaluator,
    )
    page.goto(f"/reports/{waiting.pk}/")
    assert page.get_by_role("status").inner_text().startswith("I kö")
    assert not page.get_by_role("link", name="Ladda ner PDF:en").is_visible()
    services.report_render(report_id=waiting.pk)
    assert ReportRequest.objects.get(pk=waiting.pk).status == ReportStatus.READY
    page.get_by_role("link", name="Ladda ner PDF:en").wait_for(state="visible")
    assert page.get_by_role("status").inner_text().startswith("Klar")

    # The coordinator publishes the evaluation report; a visitor finds it on the public page.
    report = ReportRequest.objects.get(kind="initiative")
    login(page, coordinator.email)
    page.goto(f"/reports/{report.pk}/")
    page.get_by_role("button", name="Publicera på satsningens sida").click()
    page.context.clear_cookies()
    page.goto(initiative.get_absolute_url())
    check_accessibility(page)
    link = page.get_by_role("link", name=re.compile("Utvärderingsrapporten"))
    with page.expect_download() as public:
        link.click()
    assert public.value.suggested_filename == f"evaluation-{initiative.pk}-en.pdf"
