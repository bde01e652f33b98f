"""Writes of the reports app: asking for a report, rendering it, publishing it, retrying it.

Rendering is idempotent: it writes to a temporary file beside the target and moves it into place
only when the PDF and its data package are complete, so a failure or a timeout leaves no
half-written file, and running it twice gives the same result. Each change of a report's state
records its event; a render that finds its report already made changes nothing and records none.
"""

import datetime
import logging
import os
import tempfile
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actors.events import event_record
from actors.i18n import in_every_language
from actors.locks import lock_wait
from actors.queueing import enqueue, enqueue_on_commit

from . import packages, rendering
from .builders import data_version
from .builders import initiative as initiative_report
from .builders import period as period_report
from .choices import PENDING, ReportEvent, ReportKind, ReportStatus
from .models import ReportRequest, report_path

logger = logging.getLogger(__name__)

# Time limits of the render task: at the soft limit the render stops and is recorded as failed;
# at the hard limit the worker process is killed, and a render still "rendering" a little after
# it is taken to have died with its worker.
SOFT_LIMIT = 300
HARD_LIMIT = 330
STALE_AFTER = datetime.timedelta(seconds=HARD_LIMIT + 60)
QUEUED_TOO_LONG = datetime.timedelta(minutes=2)
OWED_PER_RUN = 50


def _report_event(kind: str, report: ReportRequest, actor=None, **data) -> None:
    event_record(
        kind=kind,
        subject=report,
        actor=actor,
        data={
            "report_kind": report.kind,
            "language": report.language,
            "initiative": report.initiative_id,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "district": report.district.slug if report.district else None,
            "way": report.way,
            "requested_by": report.requested_by_id,
            **data,
        },
        public=False,
    )


def report_data(
    *,
    kind: str,
    initiative_id=None,
    start=None,
    end=None,
    district=None,
    way: str = "",
    language: str,
) -> dict:
    """The data a report of this kind prints, in its language."""
    with translation.override(language):
        if kind == ReportKind.INITIATIVE:
            return initiative_report.build(initiative_id)
        return period_report.build(start, end, district, way)


def _same_report(report_kind, initiative, start, end, district, way, language):
    queryset = ReportRequest.objects.filter(kind=report_kind, language=language)
    if report_kind == ReportKind.INITIATIVE:
        return queryset.filter(initiative=initiative)
    return queryset.filter(period_start=start, period_end=end, district=district, way=way)


def report_request(
    *,
    kind: str,
    language: str,
    actor,
    initiative=None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    district=None,
    way: str = "",
    queue: bool = True,
) -> ReportRequest:
    """Ask for a report. A stored report of the same data is returned at once; a report of the
    same data already on its way is returned as it is; otherwise a new request is queued (or,
    with `queue=False`, left for the caller to render with `report_render`). A period report
    may be of one district (`district`) and of one way of working (`way`); an initiative's report
    is of its initiative alone."""
    if kind == ReportKind.INITIATIVE and initiative is None:
        raise ValidationError(_("Choose the initiative."))
    if kind == ReportKind.PERIOD and (start is None or end is None or end < start):
        raise ValidationError(_("Give a period whose end is not before its start."))
    if kind == ReportKind.INITIATIVE:
        start = end = district = None
        way = ""
    else:
        initiative = None
    data = report_data(
        kind=kind,
        initiative_id=initiative.pk if initiative else None,
        start=start,
        end=end,
        district=district,
        way=way,
        language=language,
    )
    version = data_version(data)
    with transaction.atomic():
        where = district.slug if district else ""
        _lock(
            f"{kind}:{initiative.pk if initiative else ''}:{start}:{end}:{where}:{way}:{language}"
        )
        same = _same_report(kind, initiative, start, end, district, way, language)
        same = same.select_for_update()
        stored = same.filter(status=ReportStatus.READY, data_version=version).exclude(file="")
        for report in stored.order_by("-finished_at"):
            if rendering.media_path(report.file.name).exists():
                return report
        pending = same.filter(status__in=PENDING, data_version=version).first()
        if pending is not None:
            return pending
        report = ReportRequest.objects.create(
            kind=kind,
            initiative=initiative,
            period_start=start,
            period_end=end,
            district=district,
            way=way,
            language=language,
            data_version=version,
            requested_by=actor,
        )
        _report_event(ReportEvent.REQUESTED, report, actor)
        if queue:
            _enqueue(report)
    return report


def _lock(key: str) -> None:
    """Two people asking for the same report at once get one request: the second waits here
    until the first has committed, then finds it. (PostgreSQL; SQLite writes one at a time.)"""
    lock_wait(key)


def _enqueue(report: ReportRequest) -> None:
    from .tasks import render_report

    enqueue_on_commit(render_report, report.pk)


def reports_queue_owed() -> int:
    """Queue again the reports still waiting a while after they were asked for: the broker was
    down when they were, or their message was lost with a worker. Run every minute by beat."""
    from .tasks import render_report

    owed = list(
        ReportRequest.objects.filter(
            status=ReportStatus.QUEUED, requested_at__lt=timezone.now() - QUEUED_TOO_LONG
        ).values_list("pk", flat=True)[:OWED_PER_RUN]
    )
    enqueue(render_report, [(pk,) for pk in owed])
    return len(owed)


def _write_atomically(name: str, content: bytes) -> None:
    """Write beside the target under a temporary name, then move it into place in one step."""
    target = rendering.media_path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def report_render(*, report_id: int) -> ReportRequest:
    """Render a queued report to PDF and its data package; record the failure if it fails."""
    with transaction.atomic():
        report = (
            ReportRequest.objects.select_for_update(of=("self",))
            .select_related("district")
            .get(pk=report_id)
        )
        if report.is_ready and rendering.media_path(report.file.name).exists():
            return report  # already done: a second delivery of the task changes nothing
        if report.status == ReportStatus.RENDERING and not _stale(report):
            return report  # another worker is making it now
        report.status = ReportStatus.RENDERING
        report.started_at = timezone.now()
        report.attempts += 1
        report.failure_reason = ""
        report.save(update_fields=["status", "started_at", "attempts", "failure_reason"])

    written: list[str] = []
    try:
        data = report_data(
            kind=report.kind,
            initiative_id=report.initiative_id,
            start=report.period_start,
            end=report.period_end,
            district=report.district,
            way=report.way,
            language=report.language,
        )
        with translation.override(report.language):
            html = rendering.render_html(data)
            rendered = rendering.html_to_pdf(html)
            package = packages.report_package(data)
        pdf_name = report_path(report, "report.pdf")
        zip_name = pdf_name.removesuffix(".pdf") + ".zip"
        for name, content in ((pdf_name, rendered.pdf), (zip_name, package)):
            _write_atomically(name, content)
            written.append(name)
    except SoftTimeLimitExceeded:
        _discard(written)
        with translation.override(report.language):
            reason = _("The report took too long to make and was stopped.")
        return _fail(report_id, reason)
    except Exception as exc:  # recorded for the person who asked; they may try again
        _discard(written)
        logger.exception("Report %s failed", report_id)
        with translation.override(report.language):
            reason = _("The report could not be made: %(error)s") % {"error": exc}
        return _fail(report_id, reason)

    with transaction.atomic():
        report = ReportRequest.objects.select_for_update().get(pk=report_id)
        old = [f.name for f in (report.file, report.package) if f]
        report.file.name = pdf_name
        report.package.name = zip_name
        report.pages = rendered.pages
        report.data_version = data_version(data)
        report.status = ReportStatus.READY
        report.finished_at = timezone.now()
        report.save()
        _report_event(ReportEvent.READY, report, pages=report.pages)
        transaction.on_commit(lambda: _discard(old))
    return report


def _discard(names: list[str]) -> None:
    for name in names:
        rendering.media_path(name).unlink(missing_ok=True)


def _fail(report_id: int, reason: str) -> ReportRequest:
    with transaction.atomic():
        report = ReportRequest.objects.select_for_update().get(pk=report_id)
        report.status = ReportStatus.FAILED
        report.failure_reason = reason[:2000]
        report.finished_at = timezone.now()
        report.save(update_fields=["status", "failure_reason", "finished_at"])
        _report_event(ReportEvent.FAILED, report, reason=report.failure_reason[:300])
    return report


def _stale(report: ReportRequest) -> bool:
    return report.started_at < timezone.now() - STALE_AFTER


def report_expire_if_stale(*, report: ReportRequest) -> ReportRequest:
    """A render whose worker died (killed at the hard time limit) is recorded as failed."""
    if report.status == ReportStatus.RENDERING and _stale(report):
        return _fail(report.pk, _("The report took too long to make and was stopped."))
    return report


def report_retry(*, report: ReportRequest, actor) -> ReportRequest:
    """Queue a failed report again."""
    with transaction.atomic():
        report = ReportRequest.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.FAILED:
            raise ValidationError(_("Only a failed report can be tried again."))
        report.status = ReportStatus.QUEUED
        report.failure_reason = ""
        report.requested_by = report.requested_by or actor
        report.save(update_fields=["status", "failure_reason", "requested_by"])
        _report_event(ReportEvent.RETRIED, report, actor)
        _enqueue(report)
    return report


def report_publish(*, report: ReportRequest, actor, published: bool = True) -> ReportRequest:
    """Show a ready initiative report on the initiative's public page (or take it down).

    One published report per initiative and language: publishing a newer one takes down the old.
    """
    with transaction.atomic():
        report = (
            ReportRequest.objects.select_for_update(of=("self",))
            .select_related("initiative")
            .get(pk=report.pk)
        )
        if published:
            if report.kind != ReportKind.INITIATIVE or not report.is_ready:
                raise ValidationError(_("Only a ready initiative report can be published."))
            if not report.initiative.is_public:
                raise ValidationError(_("A draft initiative's report cannot be published."))
            ReportRequest.objects.filter(
                kind=ReportKind.INITIATIVE,
                initiative_id=report.initiative_id,
                language=report.language,
                published=True,
            ).exclude(pk=report.pk).update(published=False)
            report.published_at = timezone.now()
            report.published_by = actor
        report.published = published
        report.save(update_fields=["published", "published_at", "published_by"])
        # Told on the timeline by the initiative's title; only a published report is public.
        event_record(
            kind=ReportEvent.PUBLISHED if published else ReportEvent.UNPUBLISHED,
            subject=report,
            actor=actor,
            data={
                **(in_every_language(report.initiative, "title") if report.initiative else {}),
                "initiative": report.initiative_id,
                "language": report.language,
            },
            public=published,
        )
    return report
