"""SQLite compares an id too large for a 64-bit column as PostgreSQL does: it finds nothing."""

import sqlite3

import pytest

from actors.sqlite import bind_out_of_range_integers_as_numbers


@pytest.mark.parametrize("key", [10**40, -(10**40), 2**63])
def test_an_integer_out_of_range_matches_no_row_instead_of_failing(key):
    bind_out_of_range_integers_as_numbers()
    with sqlite3.connect(":memory:") as database:
        database.execute("CREATE TABLE need (id INTEGER PRIMARY KEY)")
        database.executemany("INSERT INTO need VALUES (?)", [(1,), (2**63 - 1,)])
        assert database.execute("SELECT id FROM need WHERE id = ?", (key,)).fetchall() == []
        assert database.execute("SELECT id FROM need WHERE id IN (?, 1)", (key,)).fetchall() == [
            (1,)
        ]
        assert database.execute("SELECT id FROM need WHERE id = ?", (2**63 - 1,)).fetchall() == [
            (2**63 - 1,)
        ]
