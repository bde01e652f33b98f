"""The fund's rules about initiatives: which may be allocated money, which may be booked for at
all, how much one holds, and is its budget covered?

`allocated` is registered with `initiatives.allocations.register_allocated` and `funding_gap` with
`initiatives.process.register_funding_check` in `FundingConfig.ready()`. Only allocations booked
in the ledger count: an initiative leaves the funding step when they cover its whole budget, and
its budget never goes below them.
"""

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from actors.formats import sek
from initiatives.choices import InitiativeStep
from initiatives.models import step_name

from .balances import Balance, sums
from .choices import Earmark, EntryKind
from .models import LedgerEntry

# Money is allocated to an initiative waiting for it, or topped up while it runs; not to a
# proposal not yet decided, nor to one parked, rejected, withdrawn or done.
ALLOCATION_STEPS = (InitiativeStep.FUNDING, InitiativeStep.EXECUTION)


def allocation_refusal(initiative) -> str | None:
    """None when money may be allocated to the initiative, else a sentence saying why not."""
    if initiative.step in ALLOCATION_STEPS:
        return None
    return _(
        "Money is allocated only to initiatives at the steps “%(funding)s” and “%(execution)s”; "
        "“%(name)s” is at “%(step)s”."
    ) % {
        "funding": step_name(InitiativeStep.FUNDING),
        "execution": step_name(InitiativeStep.EXECUTION),
        "name": initiative.title,
        "step": initiative.step_name,
    }


def grants_for(initiative, prefix: str = "") -> Q:
    """The grants whose money may go to the initiative (`Grant.may_fund` as a filter): those not
    earmarked, those earmarked for its focus area and those earmarked for it."""
    earmark, focus_area, to = f"{prefix}earmark", f"{prefix}focus_area", f"{prefix}initiative"
    return (
        Q(**{earmark: Earmark.NONE})
        | Q(**{earmark: Earmark.FOCUS_AREA, focus_area: initiative.focus_area_id})
        | Q(**{earmark: Earmark.INITIATIVE, to: initiative.pk})
    )


def bookable_kinds(initiative, balance: Balance) -> tuple[str, ...]:
    """The kinds of entry the fund accepts for an initiative holding `balance`: an allocation
    where `allocation_refusal` has nothing against it, a disbursement while allocated money is
    still unpaid, a return while it holds money. The service checks the last two per grant, so
    an initiative outside them is refused whatever grant is chosen."""
    kinds = []
    if allocation_refusal(initiative) is None:
        kinds.append(EntryKind.ALLOCATION)
    if balance.undisbursed > 0:
        kinds.append(EntryKind.DISBURSEMENT)
    if balance.allocated > 0:
        kinds.append(EntryKind.RETURN)
    return tuple(kinds)


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
