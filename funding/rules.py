"""The fund's answer to the process: is this initiative's budget covered by allocations?

Registered with `initiatives.process.register_funding_check` in `FundingConfig.ready()`.
Only allocations booked in the ledger count: an initiative leaves the funding step when they
cover its whole budget.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .balances import Balance, sums
from .models import LedgerEntry


def funding_gap(initiative) -> str | None:
    """None when allocations cover the budget, else a sentence saying how much is missing."""
    allocated = Balance.of(
        LedgerEntry.objects.filter(initiative=initiative).aggregate(**sums())
    ).allocated
    if allocated >= initiative.budget:
        return None
    return _(
        "Allocations from the fund do not cover the budget yet: %(missing)s SEK is missing. "
        "A treasurer allocates the money on the funding pages."
    ) % {
        "missing": number_format(
            initiative.budget - allocated, decimal_pos=2, use_l10n=True, force_grouping=True
        )
    }
