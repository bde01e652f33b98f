from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    SPORTS_CLUB = "sports_club", _("Sports club")
    NGO = "ngo", _("Non-governmental organisation")
    SCHOOL = "school", _("School")
    PUBLIC_AGENCY = "public_agency", _("Public agency or healthcare")
    RESEARCH = "research", _("Research")
    FUNDER = "funder", _("Funder")
    COMPANY = "company", _("Company")


class MembershipRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("Representative")
    CONTACT = "contact", _("Contact person")


class PortalRole(models.TextChoices):
    """Roles a person holds in the portal. Membership of an organisation is its own role."""

    COORDINATOR = "coordinator", _("Coordinator")
    TREASURER = "treasurer", _("Treasurer")
    EVALUATOR = "evaluator", _("Evaluator")


class GovernanceKind(models.TextChoices):
    RESIDENTS_COUNCIL = "residents_council", _("Residents' council")
    STEERING_GROUP = "steering_group", _("Steering group")
    PROCESS_LEAD = "process_lead", _("Process lead")
    ASSOCIATION = "association", _("Non-profit association")
    WORKING_GROUP = "working_group", _("Working group")
    NETWORK = "network", _("Network")


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be delivered")


class ActorsEvent(models.TextChoices):
    """What the actors app records in the event stream."""

    ORGANISATION_CREATED = "actors.organisation_created", _("Organisation added")
    ORGANISATION_CHANGED = "actors.organisation_changed", _("Organisation changed")
    MEMBER_ADDED = "actors.member_added", _("Person given a role in an organisation")
    MEMBER_REMOVED = "actors.member_removed", _("Person removed from an organisation")
    CHARTER_CHANGED = "actors.charter_changed", _("Charter changed")
    SETTINGS_CHANGED = "actors.settings_changed", _("Collaboration's settings changed")
    TRANSLATED = "actors.translated", _("Translation saved")
    DISTRICT_ADDED = "actors.district_added", _("District added")
    DISTRICT_CHANGED = "actors.district_changed", _("District changed")
