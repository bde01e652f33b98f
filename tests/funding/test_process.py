"""The fund decides when an initiative leaves the funding step."""

from decimal import Decimal

import pytest

from funding.choices import EntryKind as K
from initiatives.choices import InitiativeStep as S
from initiatives.services import TransitionError, initiative_advance
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(organisation):
    return InitiativeFactory(
        lead_organisation=organisation, step=S.FUNDING, budget=Decimal("1000.00")
    )


def advance(initiative, treasurer):
    return initiative_advance(initiative=initiative, to_step=S.EXECUTION, actor=treasurer)


def test_allocations_that_cover_the_budget_let_the_initiative_move_on(initiative, treasurer):
    grant = make_grant(treasurer, "2000.00", received="2000.00")
    book(treasurer, K.ALLOCATION, grant, "600.00", initiative)
    with pytest.raises(TransitionError, match="400,00 kr saknas"):
        advance(initiative, treasurer)
    book(treasurer, K.ALLOCATION, grant, "400.00", initiative)
    advance(initiative, treasurer)
    initiative.refresh_from_db()
    assert initiative.step == S.EXECUTION


def test_money_received_but_not_allocated_does_not_fund_the_initiative(initiative, treasurer):
    make_grant(treasurer, "2000.00", received="2000.00")
    with pytest.raises(TransitionError, match="täcker inte budgeten"):
        advance(initiative, treasurer)
    assert initiative.log.count() == 0


def test_a_reversed_allocation_no_longer_covers_the_budget(initiative, treasurer):
    from funding.services import entry_reverse

    grant = make_grant(treasurer, "2000.00", received="2000.00")
    allocation = book(treasurer, K.ALLOCATION, grant, "1000.00", initiative)
    entry_reverse(entry=allocation, note="Fel belopp", actor=treasurer)
    with pytest.raises(TransitionError):
        advance(initiative, treasurer)


def test_with_an_empty_ledger_nothing_is_funded(initiative, treasurer):
    """No exception for a fund that keeps no books yet: the ledger alone decides."""
    with pytest.raises(TransitionError, match="000,00 kr saknas"):
        advance(initiative, treasurer)
    initiative.refresh_from_db()
    assert initiative.step == S.FUNDING


def test_an_allocation_to_another_initiative_does_not_count(initiative, treasurer, organisation):
    other = InitiativeFactory(
        lead_organisation=organisation, step=S.FUNDING, budget=initiative.budget
    )
    grant = make_grant(treasurer, "2000.00", received="2000.00")
    book(treasurer, K.ALLOCATION, grant, "1000.00", other)
    with pytest.raises(TransitionError):
        advance(initiative, treasurer)
    advance(other, treasurer)
