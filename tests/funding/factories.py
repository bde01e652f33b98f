import datetime
from decimal import Decimal

import factory

from actors.choices import OrganisationKind
from funding import services
from funding.choices import EntryKind
from funding.models import Funder, Grant
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative
from tests.factories import OrganisationFactory
from tests.initiatives.factories import InitiativeFactory


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


def waiting_for_money(treasurer, organisation) -> tuple[Grant, Initiative]:
    """A foundation's grant of 200,000 SEK with 150,000 received, and the organisation's public
    initiative of 60,000 SEK waiting for it at the funding step: the browser journeys' start."""
    funder = FunderFactory(organisation__name="Stiftelsen Framtid")
    grant = make_grant(
        treasurer, "200000.00", received="150000.00", funder=funder, title_sv="Ungas hälsa"
    )
    initiative = InitiativeFactory(
        title_sv="Kvällsfotboll i hallen",
        lead_organisation=organisation,
        step=InitiativeStep.FUNDING,
        budget=Decimal("60000.00"),
        submitted_at=datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC),
    )
    return grant, initiative
