"""Two treasurers allocating from the same grant at the same moment, on two PostgreSQL
connections: the grant's row lock serves them one after the other, so the pool never goes
below zero. The initiative's row lock does the same for an allocation and a smaller budget."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from funding import selectors, services
from funding.choices import EntryKind as K
from funding.models import LedgerEntry
from funding.rules import allocated
from initiatives import allocations
from initiatives.choices import InitiativeStep as S
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import InitiativeFactory, NeedFactory
from tests.initiatives.test_budget import edit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


@pytest.fixture(autouse=True)
def slow_reads(monkeypatch):
    """Widen the window between reading a balance and booking, so an unlocked race would show."""
    for name in ("_grant_balance", "_initiative_balance"):
        read = getattr(services, name)

        def slow(*args, _read=read):
            balance = _read(*args)
            time.sleep(0.2)
            return balance

        monkeypatch.setattr(services, name, slow)


def run_at_once(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def attempt(call):
        try:
            barrier.wait()
            call()
            outcomes.append("booked")
        except ValidationError as error:  # the fund's and the initiative's own refusals
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_treasurers_allocating_at_once_cannot_overdraw_a_grant(organisation, treasurer):
    assert connection.vendor == "postgresql", "the suite runs on PostgreSQL (see README)"
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    first, second = (
        InitiativeFactory(lead_organisation=organisation, step=S.FUNDING, budget=Decimal(800))
        for _ in range(2)
    )

    outcomes = run_at_once(
        lambda: book(treasurer, K.ALLOCATION, grant, "700.00", first),
        lambda: book(treasurer, K.ALLOCATION, grant, "700.00", second),
    )

    assert outcomes.count("booked") == 1, outcomes
    assert "Bara 300,00 kr" in next(o for o in outcomes if o != "booked")
    assert LedgerEntry.objects.filter(kind=K.ALLOCATION).count() == 1
    assert selectors.grant_balance(grant).available == Decimal("300.00")


def test_two_allocations_to_one_initiative_at_once_cannot_pass_its_budget(organisation, treasurer):
    a = make_grant(treasurer, "1000.00", received="1000.00")
    b = make_grant(treasurer, "1000.00", received="1000.00")
    initiative = InitiativeFactory(
        lead_organisation=organisation, step=S.FUNDING, budget=Decimal(1000)
    )

    outcomes = run_at_once(
        lambda: book(treasurer, K.ALLOCATION, a, "600.00", initiative),
        lambda: book(treasurer, K.ALLOCATION, b, "600.00", initiative),
    )

    assert outcomes.count("booked") == 1, outcomes
    assert selectors.initiative_funding(initiative)["allocated"] == Decimal("600.00")


def test_a_budget_lowered_while_money_is_allocated_never_ends_below_the_allocations(
    organisation, treasurer, coordinator, monkeypatch
):
    read = allocations.allocated_to

    def slow(initiative):
        held = read(initiative)
        time.sleep(0.2)
        return held

    monkeypatch.setattr(allocations, "allocated_to", slow)
    need = NeedFactory()
    initiative = InitiativeFactory(
        lead_organisation=organisation,
        step=S.FUNDING,
        focus_area=need.focus_area,
        budget=Decimal(1000),
    )
    initiative.needs.add(need)
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    book(treasurer, K.ALLOCATION, grant, "400.00", initiative)

    outcomes = run_at_once(
        lambda: book(treasurer, K.ALLOCATION, grant, "500.00", initiative),
        lambda: edit(initiative, coordinator, "500.00"),
    )

    assert outcomes.count("booked") == 1, outcomes
    initiative.refresh_from_db()
    assert allocated(initiative) <= initiative.budget
