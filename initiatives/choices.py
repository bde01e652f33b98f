from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InitiativeStep(models.TextChoices):
    """The six steps of the logic model, the end, and the three side exits."""

    NEEDS = "needs", _("Needs & data")
    PROPOSAL = "proposal", _("Proposal")
    DECISION = "decision", _("Decision")
    FUNDING = "funding", _("Funding")
    EXECUTION = "execution", _("Execution")
    EVALUATION = "evaluation", _("Evaluation")
    COMPLETED = "completed", _("Completed")
    PARKED = "parked", pgettext_lazy("initiative step", "Parked")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


PROCESS_STEPS = (
    InitiativeStep.NEEDS,
    InitiativeStep.PROPOSAL,
    InitiativeStep.DECISION,
    InitiativeStep.FUNDING,
    InitiativeStep.EXECUTION,
    InitiativeStep.EVALUATION,
)
CLOSED_STEPS = (InitiativeStep.COMPLETED, InitiativeStep.REJECTED, InitiativeStep.WITHDRAWN)


class WayOfWorking(models.TextChoices):
    """The three ways a collaboration takes on a question in a district (Helsingborg's model)."""

    OWN_INITIATIVE = "own_initiative", _("Residents' or an association's own initiative")
    JOINT_INTERVENTION = "joint_intervention", _("Focused joint intervention")
    DISTRICT_PROJECT = "district_project", _("Coordinated whole-district project")


# The roles an initiative names in each way of working (fields of Initiative), and which of them
# it must name. An own initiative may name the network that enables it.
WAY_ROLES = {
    WayOfWorking.OWN_INITIATIVE: ("enabled_by",),
    WayOfWorking.JOINT_INTERVENTION: ("owner", "responsible_person"),
    WayOfWorking.DISTRICT_PROJECT: ("commissioner", "responsible_manager"),
}
REQUIRED_ROLES = {
    WayOfWorking.OWN_INITIATIVE: (),
    WayOfWorking.JOINT_INTERVENTION: ("owner", "responsible_person"),
    WayOfWorking.DISTRICT_PROJECT: ("commissioner", "responsible_manager"),
}


class FollowUpStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class Recommendation(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    SCALE_UP = "scale_up", _("Scale up")
    CHANGE = "change", pgettext_lazy("recommendation", "Change")
    STOP = "stop", _("Stop")


class Achievement(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    TOO_EARLY = "too_early", _("Too early to tell")


class InitiativeEvent(models.TextChoices):
    """What the initiatives app records in the event stream."""

    CREATED = "initiatives.created", _("Proposal drafted")
    CHANGED = "initiatives.changed", _("Proposal changed")
    MOVED = "initiatives.moved", _("Initiative moved to another step")
    DECIDED = "initiatives.decided", _("Decision recorded")
    FOLLOW_UP_REPORTED = "initiatives.follow_up_reported", _("Follow-up reported")
    EVALUATED = "initiatives.evaluated", _("Evaluation recorded")
    STEPS_CHANGED = "initiatives.steps_changed", _("Steps of the process changed")
