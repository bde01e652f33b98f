"""Asking for reports: the stored file reused while the data is unchanged, rebuilt after a change;
failures recorded without a half-written file, and retried."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from initiatives.models import FollowUp
from reports import packages, rendering, services
from reports.choices import ReportKind, ReportStatus
from reports.models import ReportRequest
from reports.tasks import render_report
from tests.initiatives.factories import InitiativeFactory

from .conftest import stored_report

pytestmark = pytest.mark.django_db


def files_under_media() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def ask(capture, **kwargs):
    with capture(execute=True) as callbacks:
        report = services.report_request(**kwargs)
    report.refresh_from_db()
    return report, callbacks


def ask_about_a_new_initiative(capture, actor) -> ReportRequest:
    """An English evaluation report of a fresh proposal, rendered at once."""
    initiative = InitiativeFactory(step="proposal")
    report, _ = ask(capture, kind="initiative", initiative=initiative, language="en", actor=actor)
    return report


def test_unchanged_data_reuses_the_stored_file_and_a_change_rebuilds_it(
    completed, coordinator, evaluator, django_capture_on_commit_callbacks
):
    args = {"kind": ReportKind.INITIATIVE, "initiative": completed, "language": "sv"}
    first, callbacks = ask(django_capture_on_commit_callbacks, actor=coordinator, **args)
    assert first.status == ReportStatus.READY and callbacks  # queued, then rendered

    again, callbacks = ask(django_capture_on_commit_callbacks, actor=evaluator, **args)
    assert again.pk == first.pk
    assert callbacks == []  # nothing queued: the stored file is served at once
    assert ReportRequest.objects.count() == 1

    follow_up = FollowUp.objects.filter(initiative=completed).first()
    follow_up.activities += 1
    follow_up.save()
    changed, callbacks = ask(django_capture_on_commit_callbacks, actor=evaluator, **args)
    assert changed.pk != first.pk and callbacks
    assert changed.status == ReportStatus.READY
    assert changed.data_version != first.data_version
    assert changed.file.name != first.file.name


def test_the_same_report_in_the_other_language_is_its_own(
    completed, coordinator, django_capture_on_commit_callbacks
):
    sv, _ = ask(
        django_capture_on_commit_callbacks,
        kind="initiative",
        initiative=completed,
        language="sv",
        actor=coordinator,
    )
    en, _ = ask(
        django_capture_on_commit_callbacks,
        kind="initiative",
        initiative=completed,
        language="en",
        actor=coordinator,
    )
    assert sv.pk != en.pk and sv.data_version != en.data_version


def test_a_failed_render_is_recorded_leaves_no_file_and_can_be_retried(
    coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(html):
        raise RuntimeError("the layout engine gave up")

    monkeypatch.setattr(rendering, "html_to_pdf", broken)
    report = ask_about_a_new_initiative(django_capture_on_commit_callbacks, coordinator)
    assert report.status == ReportStatus.FAILED
    assert "the layout engine gave up" in report.failure_reason
    assert not report.file and files_under_media() == []

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(report=report, actor=coordinator)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY and report.attempts == 2
    assert report.failure_reason == ""
    assert sorted(p.suffix for p in files_under_media()) == [".pdf", ".zip"]


def test_a_timeout_is_recorded_as_failed(
    coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    def slow(html):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(rendering, "html_to_pdf", slow)
    report = ask_about_a_new_initiative(django_capture_on_commit_callbacks, coordinator)
    assert report.status == ReportStatus.FAILED
    assert "too long" in report.failure_reason
    assert files_under_media() == []


def test_a_failure_while_writing_removes_what_was_written(
    coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    real_replace = services.os.replace

    def replace(source, target):
        if str(target).endswith(".zip"):
            raise OSError("disk full")
        real_replace(source, target)

    monkeypatch.setattr(services.os, "replace", replace)
    report = ask_about_a_new_initiative(django_capture_on_commit_callbacks, coordinator)
    assert report.status == ReportStatus.FAILED
    assert "disk full" in report.failure_reason
    assert files_under_media() == []  # neither the PDF nor a temporary file is left


def test_the_task_is_idempotent(coordinator, django_capture_on_commit_callbacks):
    report = ask_about_a_new_initiative(django_capture_on_commit_callbacks, coordinator)
    name = report.file.name
    assert render_report.apply(args=[report.pk]).get() == ReportStatus.READY
    report.refresh_from_db()
    assert report.file.name == name and report.attempts == 1
    assert len(files_under_media()) == 2


def test_a_render_whose_worker_died_is_marked_failed(organisation):
    initiative = InitiativeFactory(step="proposal")
    report = stored_report(initiative, status=ReportStatus.RENDERING)
    ReportRequest.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - services.STALE_AFTER - datetime.timedelta(seconds=1)
    )
    report.refresh_from_db()
    report = services.report_expire_if_stale(report=report)
    assert report.status == ReportStatus.FAILED and report.failure_reason


def test_a_report_asked_for_while_the_broker_was_down_is_queued_again_by_the_sweep(
    organisation, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(step="proposal")
    waiting = stored_report(initiative, status=ReportStatus.QUEUED)
    fresh = stored_report(
        InitiativeFactory(step="proposal"), status=ReportStatus.QUEUED, tmp_name="r2"
    )
    ReportRequest.objects.filter(pk=waiting.pk).update(
        requested_at=timezone.now() - services.QUEUED_TOO_LONG - datetime.timedelta(seconds=1)
    )
    assert services.reports_queue_owed() == 1  # tasks run in-process here
    assert ReportRequest.objects.get(pk=waiting.pk).status == ReportStatus.READY
    assert ReportRequest.objects.get(pk=fresh.pk).status == ReportStatus.QUEUED


def test_a_second_delivery_leaves_a_render_in_progress_alone(organisation):
    report = stored_report(InitiativeFactory(step="proposal"), status=ReportStatus.RENDERING)
    ReportRequest.objects.filter(pk=report.pk).update(started_at=timezone.now())
    assert render_report.apply(args=[report.pk]).get() == ReportStatus.RENDERING
    assert ReportRequest.objects.get(pk=report.pk).attempts == report.attempts


def test_only_ready_initiative_reports_are_published(coordinator):
    initiative = InitiativeFactory(step="proposal")
    failed = stored_report(initiative, status=ReportStatus.FAILED)
    with pytest.raises(ValidationError):
        services.report_publish(report=failed, actor=coordinator)
    first = stored_report(initiative, tmp_name="a")
    second = stored_report(initiative, tmp_name="b")
    services.report_publish(report=first, actor=coordinator)
    services.report_publish(report=second, actor=coordinator)
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.published and second.published  # one published report per language

    draft = stored_report(InitiativeFactory(step="needs"), tmp_name="draft")
    with pytest.raises(ValidationError):
        services.report_publish(report=draft, actor=coordinator)
    draft.refresh_from_db()
    assert not draft.published


def test_a_period_must_not_end_before_it_starts(coordinator):
    with pytest.raises(ValidationError):
        services.report_request(
            kind="period",
            start=datetime.date(2026, 6, 1),
            end=datetime.date(2026, 1, 1),
            language="sv",
            actor=coordinator,
        )
    assert not ReportRequest.objects.exists()


def test_csv_cells_that_look_like_formulas_are_defused():
    assert packages.safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for text in ("+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert packages.safe_cell(text).startswith("'")
    assert packages.safe_cell("Husby") == "Husby"
    assert packages.safe_cell(None) == ""
    from decimal import Decimal

    assert packages.safe_cell(Decimal("-5.50")) == "-5.50"  # numbers stay numbers


# Row locks are PostgreSQL's: the suite's in-memory SQLite locks whole tables and does not wait.
@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_people_asking_at_once_get_one_request(coordinator, evaluator):
    """The second request waits for the first to commit, then finds it."""
    initiative = InitiativeFactory(step="proposal")
    barrier = threading.Barrier(2)

    def ask_for(actor):
        try:
            barrier.wait()
            return services.report_request(
                kind="initiative", initiative=initiative, language="sv", actor=actor, queue=False
            ).pk
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        pks = set(pool.map(ask_for, [coordinator, evaluator]))
    assert len(pks) == 1 and ReportRequest.objects.count() == 1


def test_a_report_deleted_while_queued_is_skipped():
    assert render_report.apply(args=[987654]).get() == "gone"
