from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class WorkshopFormat(models.TextChoices):
    """How the coordinator structures what came out of the workshop."""

    STANDARD = "standard", _("Decisions, actions and parked ideas")
    SWOT = "swot", _("With a SWOT analysis")


class MinutesState(models.TextChoices):
    """Where a workshop's written record stands: members check a draft before it is published."""

    NONE = "none", _("Not written yet")
    DRAFT = "draft", _("Draft for members to check")
    PUBLISHED = "published", pgettext_lazy("minutes state", "Published")


class ItemKind(models.TextChoices):
    """What came out of a workshop."""

    DECISION = "decision", _("Decision")
    ACTION = "action", _("Action")
    # Stored as "idea" since the first release; the page calls it a parked idea.
    PARKED = "idea", _("Parked idea")
    STRENGTH = "strength", _("Strength")
    WEAKNESS = "weakness", _("Weakness")
    OPPORTUNITY = "opportunity", _("Opportunity")
    THREAT = "threat", _("Threat")
    # What the group will do about a SWOT heading (in `swot_heading`): the group's answer, public
    # with the minutes, where an action answering a heading has an owner and stays internal.
    NEXT_STEP = "next_step", _("What do we do next?")


SWOT_KINDS = (ItemKind.STRENGTH, ItemKind.WEAKNESS, ItemKind.OPPORTUNITY, ItemKind.THREAT)


class SwotHeading(models.TextChoices):
    """The SWOT heading an action answers ("what do we do next?")."""

    NONE = "", _("No SWOT heading")
    STRENGTH = "strength", _("Strengths")
    WEAKNESS = "weakness", _("Weaknesses")
    OPPORTUNITY = "opportunity", _("Opportunities")
    THREAT = "threat", _("Threats")


class Cadence(models.TextChoices):
    """How often the collaboration's meetings come: the next one is proposed that far on."""

    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every other week")
    MONTHLY = "monthly", _("Every month, on the same weekday of the month")


class MatrixLevel(models.IntegerChoices):
    """Where a prioritisation matrix places a thing on one of its axes."""

    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    CORRECTION = "correction", _("Suggested correction")


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    TAKEN_UP = "taken_up", _("Taken up")


class WorkshopEvent(models.TextChoices):
    """What the workshops app records in the event stream."""

    PLANNED = "workshops.planned", _("Workshop planned")
    CHANGED = "workshops.changed", _("Planned workshop changed")
    LOGGED = "workshops.logged", _("Workshop held and logged")
    CANCELLED = "workshops.cancelled", _("Workshop cancelled")
    MINUTES_PUBLISHED = "workshops.minutes_published", _("Minutes published")
    PHOTO_ADDED = "workshops.photo_added", _("Photo added to the minutes")
    PHOTO_REMOVED = "workshops.photo_removed", _("Photo removed from the minutes")
    MINUTES_COMMENTED = "workshops.minutes_commented", _("Comment on draft minutes")
    ACTION_DONE = "workshops.action_done", _("Action done")
    ACTION_REOPENED = "workshops.action_reopened", _("Action opened again")
    ACTION_NOTED = "workshops.action_noted", _("Progress noted on an action")
    # Kinds named when parked items were still "ideas": the recorded events keep them.
    PARKED_ITEM_RESCHEDULED = "workshops.parked_idea_rescheduled", _("Parked idea given a new date")
    PARKED_ITEM_ARCHIVED = "workshops.parked_idea_archived", _("Parked idea archived")
    THEME_SUGGESTED = "workshops.theme_suggested", _("Workshop theme suggested")
    THEME_TAKEN_UP = "workshops.theme_taken_up", _("Suggested theme taken up")
    SETTINGS_CHANGED = "workshops.settings_changed", _("Meeting cadence and format changed")
    MATRIX_SAVED = "workshops.matrix_saved", _("Prioritisation matrix recorded")
    MATRIX_REMOVED = "workshops.matrix_removed", _("Prioritisation matrix removed")
