"""Writes for networks, their participants and contact persons.

Each function is one domain action in one transaction, which also records its event. The events
of contact persons name the network and whether the person is shown, never the person: the
stream is kept for good, a contact person is not.
"""

from django.db import transaction

from actors.events import event_record
from actors.i18n import in_every_language

from .choices import NetworkEvent
from .models import ContactPerson, Network, Participant


@transaction.atomic
def network_save(*, network: Network, organisations=None, actor=None) -> Network:
    """Create or update a network and, when given, the portal's organisations taking part."""
    created = network.pk is None
    network.full_clean()
    network.save()
    if organisations is not None:
        network.organisations.set(organisations)
    event_record(
        kind=NetworkEvent.NETWORK_CREATED if created else NetworkEvent.NETWORK_CHANGED,
        subject=network,
        actor=actor,
        data={
            **in_every_language(network, "name"),
            "district": network.district_id,
            "active": network.active,
        },
        public=False,
    )
    return network


def _participant_event(kind: str, participant: Participant, actor) -> None:
    event_record(
        kind=kind,
        subject=participant.network,
        actor=actor,
        data={"name": participant.name, "kind": participant.kind},
        public=False,
    )


@transaction.atomic
def participant_save(*, participant: Participant, actor=None) -> Participant:
    """Add a participant without a page in the portal to a network, or change one."""
    created = participant.pk is None
    participant.full_clean()
    participant.save()
    kind = NetworkEvent.PARTICIPANT_ADDED if created else NetworkEvent.PARTICIPANT_CHANGED
    _participant_event(kind, participant, actor)
    return participant


@transaction.atomic
def participant_delete(*, participant: Participant, actor=None) -> None:
    _participant_event(NetworkEvent.PARTICIPANT_REMOVED, participant, actor)
    participant.delete()


def _contact_event(kind: str, contact: ContactPerson, actor) -> None:
    event_record(
        kind=kind,
        subject=contact.network,
        actor=actor,
        data={"contact": contact.pk, "shown": contact.consents_to_publication},
        public=False,
    )


@transaction.atomic
def contact_save(*, contact: ContactPerson, actor=None) -> ContactPerson:
    """Add a contact person to a network, or change one (their consent to be named included)."""
    created = contact.pk is None
    contact.email = contact.email.lower()
    contact.full_clean()
    contact.save()
    kind = NetworkEvent.CONTACT_ADDED if created else NetworkEvent.CONTACT_CHANGED
    _contact_event(kind, contact, actor)
    return contact


@transaction.atomic
def contact_delete(*, contact: ContactPerson, actor=None) -> None:
    _contact_event(NetworkEvent.CONTACT_REMOVED, contact, actor)
    contact.delete()
