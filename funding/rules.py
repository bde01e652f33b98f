"""The fund's answers to the initiatives: how much an initiative holds, and is its budget covered?

Registered with `initiatives.allocations.register_allocated` and
`initiatives.process.register_funding_check` in `FundingConfig.ready()`. Only allocations booked
in the ledger count: an initiative leaves the funding step when they cover its whole budget, and
its budget never goes below them.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from actors.formats import sek

from .balances import Balance, sums
from .models import LedgerEntry


def allocated(initiative) -> Decimal:
    """What the initiative holds from the fund: allocations less returns."""
    return Balance.of(
        LedgerEntry.objects.filter(initiative=initiative).aggregate(**sums())
    ).allocated


def funding_gap(initiative) -> str | None:
    """None when allocations cover the budget, else a sentence saying how much is missing."""
    missing = initiative.budget - allocated(initiative)
    if missing <= 0:
        return None
    return _(
        "Allocations from the fund do not cover the budget yet: %(missing)s SEK is missing. "
        "A treasurer allocates the money on the funding pages."
    ) % {"missing": sek(missing)}
