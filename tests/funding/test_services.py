"""The fund's rules and balances, worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from funding import selectors, services
from funding.choices import Earmark
from funding.choices import EntryKind as K
from funding.models import LedgerEntry, LedgerIsAppendOnly
from funding.services import FundingError
from initiatives.choices import InitiativeStep as S
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import FocusAreaFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(organisation):
    return InitiativeFactory(
        lead_organisation=organisation, step=S.FUNDING, budget=Decimal("800.00")
    )


def entries():
    return list(LedgerEntry.objects.values_list("kind", "amount").order_by("pk"))


def test_the_balances_of_a_hand_worked_example(treasurer, initiative):
    # Funder A pledges 1000 and pays 600; funder B pledges 500 and pays it all.
    a = make_grant(treasurer, "1000.00", received="600.00")
    b = make_grant(treasurer, "500.00", received="500.00")
    book(treasurer, K.ALLOCATION, a, "600.00", initiative)
    book(treasurer, K.ALLOCATION, b, "200.00", initiative)
    book(treasurer, K.DISBURSEMENT, a, "450.00", initiative)
    # 150 of A's allocation is undisbursed: returning 200 releases 150 and 50 is paid back.
    returned = book(treasurer, K.RETURN, a, "200.00", initiative)
    assert returned.paid_back == Decimal("50.00")

    pool = selectors.pool_balance()
    assert pool.pledged == Decimal("1500.00")
    assert pool.received == Decimal("1100.00")
    assert pool.allocated == Decimal("600.00")  # 800 allocated less 200 returned
    assert pool.disbursed == Decimal("400.00")  # 450 paid out less 50 paid back
    assert pool.available == Decimal("500.00")  # 1100 received less 600 allocated
    assert pool.outstanding == Decimal("400.00")

    by_funder = {f.pk: b for f, b in selectors.funder_balances()}
    assert by_funder[a.funder_id].available == Decimal("200.00")  # 600 - (600 - 200)
    assert by_funder[b.funder_id].available == Decimal("300.00")

    funding = selectors.initiative_funding(initiative)
    assert funding["budget"] == Decimal("800.00")
    assert funding["allocated"] == Decimal("600.00")
    assert funding["disbursed"] == Decimal("400.00")
    assert funding["spent"] == Decimal("0.00")
    assert funding["participants"] == 0
    assert funding["cost_per_participant"] is None


def test_the_balances_per_earmark(treasurer, initiative):
    safety = initiative.focus_area
    make_grant(treasurer, "300.00", received="300.00")
    make_grant(
        treasurer, "200.00", received="100.00", earmark=Earmark.FOCUS_AREA, focus_area=safety
    )
    rows = {row["label"]: row["balance"] for row in selectors.earmark_balances()}
    assert rows["Inte öronmärkt"].received == Decimal("300.00")
    assert rows[str(safety)].pledged == Decimal("200.00")
    assert rows[str(safety)].available == Decimal("100.00")


def test_registering_a_grant_books_its_pledge(treasurer):
    grant = make_grant(treasurer, "1234.50")
    assert entries() == [(K.PLEDGE, Decimal("1234.50"))]
    assert selectors.grant_balance(grant).outstanding == Decimal("1234.50")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "mer än noll"),
        ("-100", "mer än noll"),
        ("10.005", "högst två decimaler"),
        ("abc", "antal kronor"),
        ("NaN", "mer än noll"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_booked(treasurer, amount, message):
    grant = make_grant(treasurer, "1000.00")
    before = entries()
    with pytest.raises(FundingError) as error:
        book(treasurer, K.RECEIPT, grant, amount)
    assert message in " ".join(error.value.messages)
    assert entries() == before


def test_a_receipt_beyond_the_pledge_is_refused(treasurer):
    grant = make_grant(treasurer, "1000.00", received="900.00")
    with pytest.raises(FundingError, match="mer än vad som återstår"):
        book(treasurer, K.RECEIPT, grant, "100.01")
    book(treasurer, K.RECEIPT, grant, "100.00")


def test_no_allocation_beyond_what_is_available(treasurer, initiative):
    grant = make_grant(treasurer, "1000.00", received="500.00")
    with pytest.raises(FundingError, match="Bara 500,00 kr"):
        book(treasurer, K.ALLOCATION, grant, "500.01", initiative)
    book(treasurer, K.ALLOCATION, grant, "500.00", initiative)
    assert selectors.grant_balance(grant).available == 0


def test_no_allocation_beyond_the_budget(treasurer, initiative):
    grant = make_grant(treasurer, "2000.00", received="2000.00")
    book(treasurer, K.ALLOCATION, grant, "700.00", initiative)
    with pytest.raises(FundingError, match="100,00 kr"):
        book(treasurer, K.ALLOCATION, grant, "100.01", initiative)


@pytest.mark.parametrize(
    "step",
    [S.NEEDS, S.PROPOSAL, S.DECISION, S.EVALUATION, S.COMPLETED, S.PARKED, S.REJECTED, S.WITHDRAWN],
)
def test_an_allocation_outside_the_funding_and_execution_steps_is_refused(
    treasurer, initiative, step
):
    initiative.step = step
    initiative.save()
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    with pytest.raises(FundingError, match="Pengar fördelas bara till satsningar i stegen"):
        book(treasurer, K.ALLOCATION, grant, "100.00", initiative)
    assert not LedgerEntry.objects.filter(kind=K.ALLOCATION).exists()


def test_earmarked_money_only_goes_where_it_is_earmarked(treasurer, initiative, organisation):
    other_area = FocusAreaFactory(slug="mental-health", name_sv="God psykisk hälsa")
    elsewhere = InitiativeFactory(lead_organisation=organisation, step=S.FUNDING)
    for_area = make_grant(
        treasurer, "500.00", received="500.00", earmark=Earmark.FOCUS_AREA, focus_area=other_area
    )
    for_other = make_grant(
        treasurer, "500.00", received="500.00", earmark=Earmark.INITIATIVE, initiative=elsewhere
    )
    for grant in (for_area, for_other):
        with pytest.raises(FundingError, match="öronmärkt"):
            book(treasurer, K.ALLOCATION, grant, "100.00", initiative)
    book(treasurer, K.ALLOCATION, for_other, "100.00", elsewhere)
    initiative.focus_area = other_area
    initiative.save()
    book(treasurer, K.ALLOCATION, for_area, "100.00", initiative)


def test_no_disbursement_beyond_what_was_allocated(treasurer, initiative):
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    other = make_grant(treasurer, "1000.00", received="1000.00")
    book(treasurer, K.ALLOCATION, grant, "300.00", initiative)
    book(treasurer, K.DISBURSEMENT, grant, "200.00", initiative)
    with pytest.raises(FundingError, match="100,00 kr"):
        book(treasurer, K.DISBURSEMENT, grant, "100.01", initiative)
    # Money allocated from one grant is not paid out of another.
    with pytest.raises(FundingError):
        book(treasurer, K.DISBURSEMENT, other, "1.00", initiative)


def test_a_return_cannot_exceed_what_the_initiative_holds(treasurer, initiative):
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    book(treasurer, K.ALLOCATION, grant, "300.00", initiative)
    with pytest.raises(FundingError, match="300,00 kr"):
        book(treasurer, K.RETURN, grant, "300.01", initiative)
    book(treasurer, K.RETURN, grant, "300.00", initiative)
    assert selectors.grant_balance(grant).available == Decimal("1000.00")


def test_allocations_need_an_initiative_and_pledges_come_from_grants(treasurer):
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    with pytest.raises(FundingError, match="satsning"):
        book(treasurer, K.ALLOCATION, grant, "1.00")
    with pytest.raises(FundingError, match="registrera ett bidrag"):
        book(treasurer, K.PLEDGE, grant, "1.00")


def test_a_reversal_cancels_the_entry_and_both_stay(treasurer, initiative):
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    allocation = book(treasurer, K.ALLOCATION, grant, "400.00", initiative)
    reversal = services.entry_reverse(entry=allocation, note="Fel satsning", actor=treasurer)
    assert reversal.reverses == allocation
    assert (reversal.kind, reversal.amount, reversal.signed_amount) == (
        K.ALLOCATION,
        Decimal("400.00"),
        Decimal("-400.00"),
    )
    assert LedgerEntry.objects.filter(pk=allocation.pk).exists()
    assert selectors.initiative_funding(initiative)["allocated"] == 0
    assert selectors.grant_balance(grant).available == Decimal("1000.00")


def test_a_reversal_of_a_reversal_is_refused(treasurer):
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    receipt = grant.entries.get(kind=K.RECEIPT)
    reversal = services.entry_reverse(entry=receipt, note="Dubbel", actor=treasurer)
    count = LedgerEntry.objects.count()
    with pytest.raises(FundingError, match="kan inte själv återföras"):
        services.entry_reverse(entry=reversal, note="Ångrar", actor=treasurer)
    with pytest.raises(FundingError, match="redan återförts"):
        services.entry_reverse(entry=receipt, note="Igen", actor=treasurer)
    assert LedgerEntry.objects.count() == count


def test_a_reversal_that_would_break_the_books_is_refused(treasurer, initiative):
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    allocation = book(treasurer, K.ALLOCATION, grant, "500.00", initiative)
    book(treasurer, K.DISBURSEMENT, grant, "500.00", initiative)
    receipt = grant.entries.get(kind=K.RECEIPT)
    pledge = grant.entries.get(kind=K.PLEDGE)
    for entry, message in [
        (receipt, "mer fördelat än inbetalt"),
        (pledge, "mer inbetalt än utfäst"),
        (allocation, "mer utbetalt än fördelat"),
    ]:
        with pytest.raises(FundingError, match=message):
            services.entry_reverse(entry=entry, note="Fel", actor=treasurer)
    assert not LedgerEntry.objects.filter(reverses__isnull=False).exists()


def test_a_reversal_needs_a_reason(treasurer):
    grant = make_grant(treasurer, "1000.00")
    with pytest.raises(FundingError, match="Ange varför"):
        services.entry_reverse(entry=grant.entries.get(), note="  ", actor=treasurer)


def test_the_ledger_is_never_updated_or_deleted(treasurer):
    grant = make_grant(treasurer, "1000.00")
    entry = grant.entries.get()
    entry.amount = Decimal("1.00")
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.amount == Decimal("1000.00")


def test_reporting_duties_are_marked_sent_once(treasurer):
    grant = make_grant(treasurer, "1000.00")
    duty = services.duty_add(
        grant=grant, description="Delrapport", due_on=datetime.date(2026, 6, 1), actor=treasurer
    )
    services.duty_mark_done(duty=duty, actor=treasurer)
    with pytest.raises(FundingError):
        services.duty_mark_done(duty=duty, actor=treasurer)


def test_deleting_the_account_of_who_booked_keeps_the_entry(treasurer):
    grant = make_grant(treasurer, "1000.00")
    treasurer.delete()
    entry = grant.entries.get()
    assert (entry.amount, entry.created_by) == (Decimal("1000.00"), None)
