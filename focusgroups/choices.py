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


class FocusGroupEvent(models.TextChoices):
    """What the focus groups app records in the event stream."""

    FOCUS_GROUP_CREATED = "focusgroups.focus_group_created", _("Focus group recorded")
    FOCUS_GROUP_CHANGED = "focusgroups.focus_group_changed", _("Focus group changed")
    INSIGHT_CREATED = "focusgroups.insight_created", _("Insight recorded")
    INSIGHT_CHANGED = "focusgroups.insight_changed", _("Insight changed")
    INSIGHT_REMOVED = "focusgroups.insight_removed", _("Insight removed")
    CONSULTATION_ASKED = "focusgroups.consultation_asked", _("Council consulted")
    CONSULTATION_CHANGED = "focusgroups.consultation_changed", _("Consultation changed")
    CONSULTATION_ANSWERED = "focusgroups.consultation_answered", _("Council answered")
    IDEA_CONFIRMED = "focusgroups.idea_confirmed", _("Resident's idea confirmed")
    IDEA_MODERATED = "focusgroups.idea_moderated", _("Resident's idea moderated")
