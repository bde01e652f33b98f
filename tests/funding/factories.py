import datetime
from decimal import Decimal

import factory

from actors.choices import OrganisationKind
from funding import services
from funding.choices import EntryKind
from funding.models import Funder, Grant
from tests.factories import OrganisationFactory


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FUNDER)


def make_grant(actor, amount="1000.00", received=None, funder=None, **extra) -> Grant:
    """A registered grant (its pledge booked) and, if asked, a receipt of `received`."""
    grant = services.grant_register(
        grant=Grant(
            funder=funder or FunderFactory(),
            title_sv=extra.pop("title_sv", "Bidrag"),
            amount=Decimal(amount),
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            **extra,
        ),
        pledged_on=datetime.date(2026, 1, 1),
        actor=actor,
    )
    if received:
        book(actor, EntryKind.RECEIPT, grant, received, booked_on=datetime.date(2026, 1, 15))
    return grant


def book(actor, kind, grant, amount, initiative=None, booked_on=None, note=""):
    return services.entry_book(
        kind=kind,
        grant=grant,
        amount=amount,
        initiative=initiative,
        booked_on=booked_on or datetime.date(2026, 2, 1),
        note=note,
        actor=actor,
    )
