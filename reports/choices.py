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
