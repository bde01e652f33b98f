"""How much of the fund's money an initiative holds, as the funding app counts it.

The funding app sits a floor above this one, so it registers its count in
`FundingConfig.ready()` instead of being imported here. With no fund set up, nothing is allocated.
"""

from collections.abc import Callable
from decimal import Decimal

from .models import Initiative

Count = Callable[[Initiative], Decimal]


def nothing_allocated(initiative: Initiative) -> Decimal:
    return Decimal(0)


_count: list[Count] = [nothing_allocated]


def register_allocated(count: Count) -> None:
    """Let the funding app say how much of its money an initiative holds."""
    _count[:] = [count]


def allocated_to(initiative: Initiative) -> Decimal:
    return _count[0](initiative)
