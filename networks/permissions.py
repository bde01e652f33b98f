"""Who may see and change networks.

Active networks are public to read, with the contact persons who agreed to be named;
coordinators write, and see every contact person on the pages where they edit.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actors.permissions import is_coordinator

from .models import ContactPerson, Network, Participant


def _check(user, action: str) -> None:
    if action != "view" and not is_coordinator(user):
        raise PermissionDenied


def get_network_for_user(user, pk: int, action: str = "view") -> Network:
    """An active network to view (404 for an inactive one), any network to edit."""
    networks = Network.objects.all() if action != "view" else Network.objects.filter(active=True)
    network = get_object_or_404(networks, pk=pk)
    _check(user, action)
    return network


def get_participant_for_user(user, pk: int, action: str = "edit") -> Participant:
    participant = get_object_or_404(Participant.objects.select_related("network"), pk=pk)
    _check(user, action)
    return participant


def get_contact_for_user(user, pk: int, action: str = "edit") -> ContactPerson:
    contact = get_object_or_404(ContactPerson.objects.select_related("network"), pk=pk)
    _check(user, action)
    return contact
