"""Money figures in the reports come from the pooled fund's ledger."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from funding.choices import EntryKind
from initiatives.models import FollowUp, FollowUpReach
from reports import packages
from reports.builders import initiative, open_data, period
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import InitiativeFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def funded():
    initiative = InitiativeFactory(step="execution", budget=Decimal("100000"))
    follow_up = FollowUp.objects.create(
        initiative=initiative,
        period_start=TODAY - datetime.timedelta(days=30),
        period_end=TODAY,
        activities=4,
        how_well="Bra",
        better_off="Ja",
        money_spent=Decimal("20000"),
        status="on_track",
    )
    FollowUpReach.objects.create(
        follow_up=follow_up, target_group=TargetGroupFactory(), participants=40
    )
    return initiative


def test_the_reports_read_the_money_from_the_ledger(funded, treasurer):
    grant = make_grant(treasurer, amount="500000", received="300000")
    grant.funder.organisation.name = "=Region"
    grant.funder.organisation.save()
    book(treasurer, EntryKind.ALLOCATION, grant, "85000", initiative=funded, booked_on=TODAY)
    book(treasurer, EntryKind.DISBURSEMENT, grant, "60000", initiative=funded, booked_on=TODAY)

    with translation.override("en"):
        report = initiative.build(funded.pk)
        figures = period.build(TODAY - datetime.timedelta(days=7), TODAY)
    assert report["funding"]["allocated"] == Decimal("85000")
    assert report["funding"]["disbursed"] == Decimal("60000")
    assert report["funding"]["spent"] == Decimal("20000")
    assert report["funding"]["cost_per_participant"] == Decimal("500.00")
    assert {"figure": "Disbursed", "amount": Decimal("60000")} in report["funding_rows"]
    assert figures["money"]["allocated"] == Decimal("85000")
    assert figures["money"]["disbursed"] == Decimal("60000")
    tables = {t["name"]: t for t in open_data.build()}
    funders = packages.csv_bytes(tables["funding_per_funder.csv"]).decode("utf-8-sig")
    assert funders.splitlines()[1].startswith("'=Region,")
