"""Cursor pagination: a page is the rows after the last one a client saw, in a fixed order.

A cursor names that row by its sort key and primary key, signed for one list so that a client can
hand it back to that list but not forge or edit it, nor pass it to another. Unlike page numbers,
the query does not get slower the deeper a client reads, and a row added meanwhile neither
repeats nor skips a row on the next page.
"""

from dataclasses import dataclass

from django.core import signing
from django.db.models import Q, QuerySet

SALT = "api.cursor"


class BadCursor(ValueError):
    """The cursor was not made by this API for this list."""


@dataclass(frozen=True)
class Ordering:
    """A list's order: one field (with "-" for descending), then the primary key the same way."""

    field: str

    @property
    def descending(self) -> bool:
        return self.field.startswith("-")

    @property
    def name(self) -> str:
        return self.field.removeprefix("-")

    def order_by(self) -> list[str]:
        if self.name == "pk":
            return [self.field]
        return [self.field, "-pk" if self.descending else "pk"]


def encode(ordering: Ordering, row, *, scope: str) -> str:
    value = getattr(row, ordering.name)
    key = value.isoformat() if hasattr(value, "isoformat") else value
    return signing.dumps([ordering.field, key, row.pk], salt=f"{SALT}:{scope}", compress=True)


def decode(ordering: Ordering, cursor: str, *, scope: str) -> tuple:
    try:
        field, key, pk = signing.loads(cursor, salt=f"{SALT}:{scope}")
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadCursor(cursor) from error
    if field != ordering.field or not isinstance(pk, int):
        raise BadCursor(cursor)
    return key, pk


def page(queryset: QuerySet, ordering: Ordering, *, cursor: str | None, limit: int, scope: str):
    """The rows of one page and the cursor of the next (None on the last page), for the list
    named `scope` (its path). One query."""
    queryset = queryset.order_by(*ordering.order_by())
    if cursor:
        key, pk = decode(ordering, cursor, scope=scope)
        after = "lt" if ordering.descending else "gt"
        if ordering.name == "pk":
            queryset = queryset.filter(**{f"pk__{after}": pk})
        else:
            queryset = queryset.filter(
                Q(**{f"{ordering.name}__{after}": key})
                | Q(**{ordering.name: key, f"pk__{after}": pk})
            )
    rows = list(queryset[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (encode(ordering, rows[-1], scope=scope) if more else None)
