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


class Frequency(models.TextChoices):
    """How often a kind of notification is mailed; the portal's own list shows every one."""

    AT_ONCE = "at_once", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")
