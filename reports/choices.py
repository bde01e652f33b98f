from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative evaluation report")
    PERIOD = "period", _("Period report")


class ReportStatus(models.TextChoices):
    """Where a requested report stands; the browser page polls this."""

    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", pgettext_lazy("report status", "Failed")


class ReportLanguage(models.TextChoices):
    SV = "sv", _("Swedish")
    EN = "en", _("English")


# "The report (PDF, in English)": the language as a phrase that reads inside a sentence.
IN_LANGUAGE = {ReportLanguage.SV: _("in Swedish"), ReportLanguage.EN: _("in English")}


PENDING = (ReportStatus.QUEUED, ReportStatus.RENDERING)


class ReportEvent(models.TextChoices):
    """What the reports app records in the event stream. A report made or failed is recorded
    without an actor (a worker made it), with the person who asked for it in its data."""

    REQUESTED = "reports.requested", _("Report requested")
    READY = "reports.ready", _("Report ready")
    FAILED = "reports.failed", _("Report failed")
    RETRIED = "reports.retried", _("Report tried again")
    PUBLISHED = "reports.published", _("Evaluation report published")
    UNPUBLISHED = "reports.unpublished", _("Evaluation report taken down")
