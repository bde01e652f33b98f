from django.db import models
from django.utils.translation import gettext_lazy as _


class InsightKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    QUOTE = "quote", _("Quote")


class ConsultationStatus(models.TextChoices):
    ASKED = "asked", _("Asked")
    ANSWERED = "answered", _("Answered")


class IdeaStatus(models.TextChoices):
    """Where a resident's idea stands; only confirmed ideas reach the coordinators."""

    UNCONFIRMED = "unconfirmed", _("E-mail not yet confirmed")
    AWAITING = "awaiting", _("Awaiting moderation")
    ACCEPTED = "accepted", _("Taken up as a need")
    KEPT = "kept", _("Kept for later")
    DECLINED = "declined", _("Declined")


class IdeaDecision(models.TextChoices):
    KEEP = "keep", _("Keep it for later")
    DECLINE = "decline", _("Decline politely")
