"""Reads for the network pages, joined for what each page shows.

Public reads load only the contact persons who agreed to be named: the others never reach a
public template, so no page (nor its cached copy) can show them.
"""

from django.db.models import Count, Prefetch, Q

from actors.models import District, Organisation

from .models import ContactPerson, Network


def _public_contacts() -> Prefetch:
    return Prefetch(
        "contacts",
        queryset=ContactPerson.objects.filter(consents_to_publication=True).select_related(
            "organisation"
        ),
        to_attr="public_contacts",
    )


def _joined(networks):
    return networks.select_related("district").prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        "participants",
    )


def districts() -> list[District]:
    return list(District.objects.all())


def network_list(*, district: District | None = None):
    """The active networks, those of `district` and of the whole collaboration when given."""
    networks = Network.objects.filter(active=True)
    if district is not None:
        networks = networks.filter(Q(district=district) | Q(district__isnull=True))
    return _joined(networks)


def network_detail(pk: int) -> Network:
    """An active network with its participants, the contact persons who agreed to be named, and
    the number of those who did not (`unnamed_contacts`)."""
    unnamed = Count("contacts", filter=Q(contacts__consents_to_publication=False))
    return (
        _joined(Network.objects.filter(active=True))
        .prefetch_related(_public_contacts())
        .annotate(unnamed_contacts=unnamed)
        .get(pk=pk)
    )


def network_manage_list():
    """Every network, active or not, for the coordinators, with its contact persons counted."""
    return Network.objects.select_related("district").annotate(contact_count=Count("contacts"))


def network_for_editing(pk: int) -> Network:
    return (
        Network.objects.select_related("district")
        .prefetch_related(
            "participants",
            Prefetch("contacts", queryset=ContactPerson.objects.select_related("organisation")),
        )
        .get(pk=pk)
    )


def network_names(*, district: District | None = None) -> list[Network]:
    """The active networks by name only, for the start page's panel. One query."""
    networks = Network.objects.filter(active=True).only("pk", "name_sv", "translations")
    if district is not None:
        networks = networks.filter(Q(district=district) | Q(district__isnull=True))
    return list(networks.order_by("position", "pk"))
