"""Requested PDF reports: what was asked for, how far the rendering has come, and the files.

A request is answered from the stored file at once when a ready report of the same kind, subject
and language shows exactly the same data (`data_version`, a hash of everything it prints).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.choices import WayOfWorking

from .choices import IN_LANGUAGE, PENDING, ReportKind, ReportLanguage, ReportStatus


def report_path(instance, filename: str) -> str:
    """Never a name a user chose: a random name in a folder per month."""
    suffix = filename.rsplit(".", 1)[-1]
    return f"reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class ReportRequest(models.Model):
    """One report someone asked for: an initiative's evaluation, or the collaboration's period."""

    kind = models.CharField(_("kind of report"), max_length=12, choices=ReportKind.choices)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    district = models.ForeignKey(
        "actors.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A period report of one district; empty for the whole collaboration."),
    )
    way = models.CharField(
        _("way of working"),
        max_length=20,
        blank=True,
        help_text=_("A period report of the initiatives of one way of working; empty for all."),
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=ReportLanguage.choices, default=ReportLanguage.SV
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    failure_reason = models.TextField(_("why it failed"), blank=True)
    data_version = models.CharField(_("version of the data"), max_length=64, blank=True)
    file = models.FileField(_("PDF"), upload_to=report_path, blank=True, max_length=200)
    package = models.FileField(_("data package"), upload_to=report_path, blank=True, max_length=200)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["kind", "initiative", "language", "status"]),
            models.Index(fields=["kind", "period_start", "period_end", "language", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ReportKind.PERIOD) | Q(initiative__isnull=False),
                name="initiative_report_names_its_initiative",
            ),
            models.CheckConstraint(
                condition=Q(kind=ReportKind.INITIATIVE)
                | Q(
                    period_start__isnull=False,
                    period_end__isnull=False,
                    period_end__gte=models.F("period_start"),
                ),
                name="period_report_has_a_period",
            ),
            models.CheckConstraint(
                condition=Q(published=False)
                | Q(kind=ReportKind.INITIATIVE, status=ReportStatus.READY),
                name="only_ready_initiative_reports_are_published",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY and bool(self.file)

    @property
    def in_language(self) -> str:
        """The report's language as a phrase: "in English", "på engelska"."""
        return IN_LANGUAGE[self.language]

    @property
    def subject(self) -> str:
        if self.kind == ReportKind.INITIATIVE:
            return str(self.initiative)
        period = f"{self.period_start:%Y-%m-%d} – {self.period_end:%Y-%m-%d}"
        way = WayOfWorking(self.way).label if self.way else ""
        return " · ".join(filter(None, (period, self.district and self.district.name, way)))

    def download_name(self, suffix: str) -> str:
        """The name a browser saves the file under: kind, subject and language, no user text."""
        if self.kind == ReportKind.INITIATIVE:
            stem = f"evaluation-{self.initiative_id}"
        else:
            stem = f"period-{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}"
            if self.district:
                stem = f"{stem}-{self.district.slug}"
            if self.way:
                stem = f"{stem}-{self.way}"
        return f"{stem}-{self.language}.{suffix}"
