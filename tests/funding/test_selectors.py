"""The reads the reports app relies on: their keys and figures, worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from funding import selectors
from funding.choices import Earmark
from funding.choices import EntryKind as K
from initiatives.choices import InitiativeStep as S
from initiatives.models import FollowUp
from tests.funding.factories import FunderFactory, book, make_grant
from tests.initiatives.factories import FocusAreaFactory, InitiativeFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


def report(initiative, spent, participants, month):
    follow_up = FollowUp.objects.create(
        initiative=initiative,
        period_start=datetime.date(2026, month, 1),
        period_end=datetime.date(2026, month, 28),
        activities=4,
        how_well="Bra",
        better_off="Ja",
        money_spent=Decimal(spent),
        status="on_track",
    )
    follow_up.reach.create(target_group=TargetGroupFactory(), participants=participants)


def test_initiative_funding_follows_the_money_to_what_it_achieved(organisation, treasurer):
    initiative = InitiativeFactory(
        lead_organisation=organisation, step=S.FUNDING, budget=Decimal("900.00")
    )
    earmarked = make_grant(
        treasurer, "500.00", received="500.00", earmark=Earmark.INITIATIVE, initiative=initiative
    )
    general = make_grant(treasurer, "1000.00", received="1000.00")
    book(treasurer, K.ALLOCATION, earmarked, "500.00", initiative)
    book(treasurer, K.ALLOCATION, general, "400.00", initiative)
    book(treasurer, K.DISBURSEMENT, earmarked, "500.00", initiative)
    report(initiative, "300.00", 20, 3)
    report(initiative, "200.00", 30, 6)

    assert selectors.initiative_funding(initiative) == {
        "budget": Decimal("900.00"),
        "granted": Decimal("500.00"),
        "allocated": Decimal("900.00"),
        "disbursed": Decimal("500.00"),
        "spent": Decimal("500.00"),
        "participants": 50,
        "cost_per_participant": Decimal("10.00"),
    }


def test_initiative_funding_of_an_initiative_without_money(organisation):
    initiative = InitiativeFactory(lead_organisation=organisation, budget=Decimal("100.00"))
    funding = selectors.initiative_funding(initiative)
    assert funding["allocated"] == funding["disbursed"] == funding["spent"] == 0
    assert funding["cost_per_participant"] is None


def test_period_totals_count_what_was_booked_in_the_period(organisation, treasurer):
    area = FocusAreaFactory()
    other_area = FocusAreaFactory(slug="mental-health", name_sv="God psykisk hälsa")
    initiative = InitiativeFactory(
        lead_organisation=organisation, step=S.FUNDING, focus_area=area, budget=Decimal(5000)
    )
    region = FunderFactory(organisation__name="Regionen")
    grant = make_grant(treasurer, "3000.00", funder=region)  # pledged 2026-01-01
    book(treasurer, K.RECEIPT, grant, "1000.00", booked_on=datetime.date(2026, 1, 20))
    book(treasurer, K.RECEIPT, grant, "2000.00", booked_on=datetime.date(2026, 4, 2))
    book(treasurer, K.ALLOCATION, grant, "800.00", initiative, datetime.date(2026, 2, 1))
    book(treasurer, K.DISBURSEMENT, grant, "300.00", initiative, datetime.date(2026, 3, 1))
    book(treasurer, K.RETURN, grant, "100.00", initiative, datetime.date(2026, 3, 15))

    totals = selectors.period_totals(
        start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)
    )

    assert totals["raised"] == Decimal("1000.00")
    assert totals["pledged"] == Decimal("3000.00")
    assert totals["allocated"] == Decimal("700.00")
    assert totals["disbursed"] == Decimal("300.00")
    areas = {row["name"]: row for row in totals["by_focus_area"]}
    assert areas[area.name] == {"name": area.name, "allocated": 700, "disbursed": 300}
    assert areas[other_area.name]["allocated"] == 0
    assert totals["by_funder"] == [{"name": "Regionen", "pledged": 3000, "received": 1000}]

    later = selectors.period_totals(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 30))
    assert (later["raised"], later["pledged"], later["allocated"]) == (2000, 0, 0)


def test_public_totals_show_sums_and_nothing_internal(organisation, treasurer):
    initiative = InitiativeFactory(
        lead_organisation=organisation, step=S.FUNDING, budget=Decimal(500)
    )
    InitiativeFactory(lead_organisation=organisation, step=S.FUNDING)  # nothing allocated
    grant = make_grant(treasurer, "1000.00", received="600.00")
    book(treasurer, K.ALLOCATION, grant, "500.00", initiative, note="Hemlig anteckning")

    totals = selectors.public_totals()

    assert totals["per_initiative"] == [
        {"initiative": initiative, "allocated": Decimal("500.00"), "disbursed": 0}
    ]
    assert totals["per_funder"] == [
        {"funder": grant.funder, "pledged": Decimal("1000.00"), "received": Decimal("600.00")}
    ]


def test_a_draft_initiative_is_not_in_the_public_totals(organisation, treasurer):
    draft = InitiativeFactory(lead_organisation=organisation, step=S.FUNDING)
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    book(treasurer, K.ALLOCATION, grant, "100.00", draft)
    draft.step = S.NEEDS  # as if the data were wrong: the public page still leaves drafts out
    draft.save()
    assert selectors.public_totals()["per_initiative"] == []


@pytest.mark.parametrize("count", [1, 10])
def test_the_report_selectors_run_a_fixed_number_of_queries(
    organisation, treasurer, count, django_assert_num_queries
):
    area = FocusAreaFactory()
    for _ in range(count):
        initiative = InitiativeFactory(
            lead_organisation=organisation, step=S.FUNDING, focus_area=area, budget=Decimal(100)
        )
        grant = make_grant(treasurer, "1000.00", received="1000.00")
        book(treasurer, K.ALLOCATION, grant, "100.00", initiative)
        report(initiative, "50.00", 5, 2)
    # the initiative with its ledger sums, grants, spending and reach as subqueries
    with django_assert_num_queries(1):
        selectors.initiative_funding(initiative)
    # the pool, the focus areas, the funders
    with django_assert_num_queries(3):
        selectors.period_totals(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    # the initiatives, the funders
    with django_assert_num_queries(2):
        totals = selectors.public_totals()
    assert len(totals["per_initiative"]) == len(totals["per_funder"]) == count
