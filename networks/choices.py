from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantKind(models.TextChoices):
    """What a participant without a page in the portal is: the city's departments and companies
    take part in networks as often as associations do."""

    DEPARTMENT = "department", _("City department")
    MUNICIPAL_COMPANY = "municipal_company", _("Municipal company")
    COMPANY = "company", _("Company")
    PUBLIC_AGENCY = "public_agency", _("Public agency or healthcare")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class NetworkEvent(models.TextChoices):
    """What the networks app records in the event stream."""

    NETWORK_CREATED = "networks.network_created", _("Network created")
    NETWORK_CHANGED = "networks.network_changed", _("Network changed")
    PARTICIPANT_ADDED = "networks.participant_added", _("Participant added to a network")
    PARTICIPANT_CHANGED = "networks.participant_changed", _("Network participant changed")
    PARTICIPANT_REMOVED = "networks.participant_removed", _("Participant removed from a network")
    CONTACT_ADDED = "networks.contact_added", _("Contact person added to a network")
    CONTACT_CHANGED = "networks.contact_changed", _("Network contact person changed")
    CONTACT_REMOVED = "networks.contact_removed", _("Contact person removed from a network")
