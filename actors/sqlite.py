"""SQLite, the embedded default of `make run`, next to PostgreSQL in production.

PostgreSQL compares an integer too large for a 64-bit column with the column's values and finds
nothing; SQLite's driver refuses to bind it at all (OverflowError), which turned a form given a
forty-digit id into a 500. Bound as a number in text, SQLite compares it as PostgreSQL does.
"""

import sqlite3

_SMALLEST, _LARGEST = -(2**63), 2**63 - 1


def _as_sqlite_value(value: int):
    return value if _SMALLEST <= value <= _LARGEST else str(value)


def bind_out_of_range_integers_as_numbers() -> None:
    sqlite3.register_adapter(int, _as_sqlite_value)
