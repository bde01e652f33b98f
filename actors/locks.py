"""Named locks for work that must not run twice at once: a periodic job that two beat schedulers,
or a retried task, start at the same moment; two people asking for the same thing.

PostgreSQL's advisory locks, keyed by a number made from the name. SQLite, the embedded default
of `make run`, opens every transaction IMMEDIATE (cih/settings.py) and so writes one at a time:
two runs cannot race into each other there, and the locks are not needed.
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from django.db import DatabaseError, connection


def lock_number(name: str) -> int:
    """The advisory lock's key: 64 bits of a hash of the name, the same in every process."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock_wait(name: str) -> None:
    """Wait for the lock `name` and hold it until the current transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_number(name)])


@contextmanager
def run_alone(name: str) -> Iterator[bool]:
    """Whether this run of the job `name` is the only one: True for the run that takes the lock,
    False for a run that starts while another holds it, which then leaves the work to it.

    The lock is held across the job's own transactions and let go at the end, or by the server
    if the process dies with its connection. Inside a transaction it is held to its end.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    number = lock_number(name)
    whole_session = not connection.in_atomic_block
    take = "pg_try_advisory_lock" if whole_session else "pg_try_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {take}(%s)", [number])
        (held,) = cursor.fetchone()
    try:
        yield held
    finally:
        if held and whole_session:
            _unlock(number)


def _unlock(number: int) -> None:
    # A connection that is gone took the lock with it.
    with suppress(DatabaseError), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [number])
