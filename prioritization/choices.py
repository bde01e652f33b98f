from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Direction(models.TextChoices):
    """Which way an indicator should move for things to be getting better."""

    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Trend(models.TextChoices):
    """Which way an indicator went for residents over a stretch of time (see Indicator.trend)."""

    BETTER = "better", _("Better")
    UNCHANGED = "unchanged", _("Unchanged")
    WORSE = "worse", _("Worse")


class Quadrant(models.TextChoices):
    """Where a need falls in the matrix of a round's results (see RoundResult.quadrant)."""

    ACT = "act", _("Act now")
    BUILD = "build", _("Build capacity")
    SUPPORT = "support", _("Support others")
    WATCH = "watch", _("Keep watching")


class NeedStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    PRIORITISED = "prioritised", _("Prioritised")
    BEING_MET = "being_met", _("Being worked on")
    MET = "met", _("Met")
    SET_ASIDE = "set_aside", _("Set aside")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for scoring")
    CLOSED = "closed", _("Closed")


class EvidenceStrength(models.TextChoices):
    STRONG = "strong", _("Strong: several evaluations")
    MODERATE = "moderate", _("Moderate: one evaluation or a strong study")
    EMERGING = "emerging", _("Emerging: promising experience")
    LOCAL = "local", _("Local experience only")


class InterventionStatus(models.TextChoices):
    CANDIDATE = "candidate", pgettext_lazy("intervention status", "Candidate")
    CHOSEN = "chosen", pgettext_lazy("intervention status", "Chosen")
    SET_ASIDE = "set_aside", pgettext_lazy("intervention status", "Set aside")


class IdeaOutcome(models.TextChoices):
    """What a coordinator may make of a resident's idea."""

    NEED = "need", _("Take it up as a need")
    KEEP = "keep", _("Keep it for later")
    DECLINE = "decline", _("Decline politely")


class PrioritisationEvent(models.TextChoices):
    """What the prioritisation app records in the event stream. Saving the vocabulary, an
    indicator, an outcome or an intervention is one kind each, its data saying whether it was new.
    """

    VOCABULARY_SAVED = "prioritization.vocabulary_saved", _("Focus area or target group saved")
    INDICATOR_SAVED = "prioritization.indicator_saved", _("Indicator saved")
    DATA_IMPORTED = "prioritization.data_imported", _("Indicator data imported")
    NEED_CREATED = "prioritization.need_created", _("Need identified")
    NEED_CHANGED = "prioritization.need_changed", _("Need changed")
    ROUND_OPENED = "prioritization.round_opened", _("Prioritisation round opened")
    ROUND_SCORED = "prioritization.round_scored", _("Needs scored in a round")
    ROUND_CLOSED = "prioritization.round_closed", _("Prioritisation round closed")
    OUTCOME_SAVED = "prioritization.outcome_saved", _("Outcome saved")
    INTERVENTION_SAVED = "prioritization.intervention_saved", _("Intervention saved")
