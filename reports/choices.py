from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative evaluation report")
    PERIOD = "period", _("Period report")


class ReportStatus(models.TextChoices):
    """Where a requested report stands; the browser page polls this."""

    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ReportLanguage(models.TextChoices):
    SV = "sv", _("Swedish")
    EN = "en", _("English")


PENDING = (ReportStatus.QUEUED, ReportStatus.RENDERING)
