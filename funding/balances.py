"""Balances are sums of the ledger, never stored: these are the expressions that sum it.

A reversal counts with the opposite sign of the entry it reverses. "Allocated" is what the
initiatives hold (allocations less returns); "disbursed" is what was paid out to lead
organisations less what they paid back.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from .choices import EntryKind

ZERO = Decimal("0.00")
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)


def signed(field: str = "amount", prefix: str = ""):
    """The entry's amount, negative when the entry is a reversal."""
    return Case(
        When(**{f"{prefix}reverses__isnull": True}, then=F(f"{prefix}{field}")),
        default=-F(f"{prefix}{field}"),
        output_field=MONEY_FIELD,
    )


def total(kind: str, field: str = "amount", prefix: str = "", extra: Q | None = None):
    condition = Q(**{f"{prefix}kind": kind})
    if extra is not None:
        condition &= extra
    return Coalesce(
        Sum(signed(field, prefix), filter=condition), Value(ZERO), output_field=MONEY_FIELD
    )


def sums(prefix: str = "", extra: Q | None = None) -> dict:
    """Aggregates for the raw totals of every kind, for .aggregate() or .annotate()."""
    return {
        "pledges": total(EntryKind.PLEDGE, prefix=prefix, extra=extra),
        "receipts": total(EntryKind.RECEIPT, prefix=prefix, extra=extra),
        "allocations": total(EntryKind.ALLOCATION, prefix=prefix, extra=extra),
        "disbursements": total(EntryKind.DISBURSEMENT, prefix=prefix, extra=extra),
        "returns": total(EntryKind.RETURN, prefix=prefix, extra=extra),
        "paid_back": total(EntryKind.RETURN, "paid_back", prefix=prefix, extra=extra),
    }


@dataclass(frozen=True)
class Balance:
    """Where the money stands, for the pool, a funder, a grant, an earmark or an initiative."""

    pledged: Decimal = ZERO
    received: Decimal = ZERO
    allocated: Decimal = ZERO
    disbursed: Decimal = ZERO
    returned: Decimal = ZERO

    @classmethod
    def of(cls, row) -> "Balance":
        """From a row (dict or object) carrying the aggregates of `sums()`."""
        get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
        return cls(
            pledged=get("pledges") or ZERO,
            received=get("receipts") or ZERO,
            allocated=(get("allocations") or ZERO) - (get("returns") or ZERO),
            disbursed=(get("disbursements") or ZERO) - (get("paid_back") or ZERO),
            returned=get("returns") or ZERO,
        )

    @property
    def available(self) -> Decimal:
        """Received and not allocated: what a treasurer may still allocate."""
        return self.received - self.allocated

    @property
    def outstanding(self) -> Decimal:
        """Pledged and not received yet."""
        return self.pledged - self.received

    @property
    def undisbursed(self) -> Decimal:
        """Allocated and not paid out yet."""
        return self.allocated - self.disbursed
