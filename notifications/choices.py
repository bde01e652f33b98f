from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What a person with an account may be told; each kind is one row of `kinds.KINDS`."""

    ACTION_GIVEN = "action_given", _("An action given to your organisation")
    INITIATIVE_MOVED = "initiative_moved", _("Your organisation's initiative moved")
    ROUND_OPENED = "round_opened", _("A prioritisation round opened")
    IDEA_WAITING = "idea_waiting", _("A resident's idea waits for moderation")
    EVALUATION_REACHED = "evaluation_reached", _("An initiative reached evaluation")
    REPORT_READY = "report_ready", _("A report you asked for is ready")
    REPORT_FAILED = "report_failed", _("A report you asked for failed")
    ACTION_DUE_SOON = "action_due_soon", _("An action of your organisation is due in 3 days")
    ACTION_OVERDUE = "action_overdue", _("An action of your organisation is overdue")
    ROUND_CLOSING = "round_closing", _("A round your organisation has not scored closes soon")
    IDEA_WAITING_LONG = "idea_waiting_long", _("A resident's idea has waited more than 2 days")
    CONSULTATION_UNANSWERED = "consultation_unanswered", _("The council has not answered")
    PARKED_ITEM_DUE = "parked_item_due", _("A parked item is due for a new look")
    MINUTES_UNPUBLISHED = "minutes_unpublished", _("Minutes unpublished a week after")
    DUTY_DUE_SOON = "duty_due_soon", _("A funder's report is due in 14 days")
    DUTY_OVERDUE = "duty_overdue", _("A funder's report is overdue")
    # The workshops, for the people of member organisations.
    MINUTES_DRAFT = "minutes_draft", _("Draft minutes wait for your comments")
    WORKSHOP_NEXT_WEEK = "workshop_next_week", _("Next week's workshop, with its agenda")
    INITIATIVE_STALLED = "initiative_stalled", _("Your organisation's initiative stands still")
    FOLLOW_UP_DUE = (
        "follow_up_due",
        _("A follow-up report on your organisation's initiative is due"),
    )
    OVERDUE_SUMMARY = "overdue_summary", _("Weekly summary of what is overdue")
    ALLOCATION_REQUESTED = "allocation_requested", _("An allocation asked for")
    ALLOCATION_ANSWERED = "allocation_answered", _("The fund answered your organisation's request")


class Frequency(models.TextChoices):
    """How often a kind of notification is mailed; the portal's own list shows every one."""

    AT_ONCE = "at_once", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")
