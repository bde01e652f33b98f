"""The fund's answer to the process: is this initiative's budget covered by allocations?

Registered with `initiatives.process.register_funding_check` in `FundingConfig.ready()`.
While the fund keeps no books in the portal yet (the ledger is empty, as on the day the
association starts using it), the treasurer's confirmation of the initiatives app still
decides; from the first booking on, only allocations in the ledger count.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from initiatives import process

from .balances import Balance, sums
from .models import LedgerEntry


def funding_gap(initiative) -> str | None:
    """None when allocations cover the budget, else a sentence saying how much is missing."""
    if not LedgerEntry.objects.exists():
        return process.confirmed_funding_gap(initiative)
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
