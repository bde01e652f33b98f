"""Money figures: from the funding app when it is installed, else from what initiatives record."""

import datetime
import sys
import types
from decimal import Decimal

import pytest
from django.utils import translation

from initiatives.models import FollowUp, FollowUpReach, FundingConfirmation
from reports import figures, packages, selectors
from tests.initiatives.factories import InitiativeFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def funded():
    initiative = InitiativeFactory(step="execution", budget=Decimal("100000"))
    FundingConfirmation.objects.create(initiative=initiative, amount=Decimal("80000"))
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


def test_without_the_funding_app_the_initiatives_figures_are_used(funded):
    assert not figures.funding_installed()
    money = figures.initiative_funding(funded)
    assert money == {
        "budget": Decimal("100000"),
        "granted": Decimal("80000"),
        "allocated": Decimal("80000"),
        "disbursed": None,  # not recorded without the ledger: printed as a dash, never 0
        "spent": Decimal("20000"),
        "participants": 40,
        "cost_per_participant": Decimal("500.00"),
    }
    period = figures.period_totals(start=TODAY - datetime.timedelta(days=7), end=TODAY)
    assert period["allocated"] == Decimal("80000") and period["raised"] is None
    assert period["by_focus_area"][0]["allocated"] == Decimal("80000")
    assert figures.public_totals()["per_initiative"][0]["allocated"] == Decimal("80000")


def test_with_the_funding_app_its_selectors_are_used(funded, monkeypatch):
    ledger = types.SimpleNamespace(
        initiative_funding=lambda initiative: {
            "budget": initiative.budget,
            "granted": Decimal("90000"),
            "allocated": Decimal("85000"),
            "disbursed": Decimal("60000"),
            "spent": Decimal("20000"),
            "participants": 40,
            "cost_per_participant": Decimal("500"),
        },
        period_totals=lambda *, start, end: {
            "raised": Decimal("500000"),
            "pledged": Decimal("700000"),
            "allocated": Decimal("85000"),
            "disbursed": Decimal("60000"),
            "by_focus_area": [
                {"name": "Trygghet", "allocated": Decimal("85000"), "disbursed": Decimal("60000")}
            ],
            "by_funder": [
                {"name": "Region Stockholm", "pledged": Decimal(7), "received": Decimal(5)}
            ],
        },
        public_totals=lambda: {
            "per_initiative": [],
            "per_funder": [{"funder": "=Region", "pledged": 1, "received": 1}],
        },
    )
    funding = types.ModuleType("funding")
    funding.selectors = ledger
    monkeypatch.setitem(sys.modules, "funding", funding)
    monkeypatch.setitem(sys.modules, "funding.selectors", ledger)
    monkeypatch.setattr(figures, "funding_installed", lambda: True)

    with translation.override("en"):
        report = selectors.initiative_report(funded.pk)
        period = selectors.period_report(TODAY - datetime.timedelta(days=7), TODAY)
    assert report["funding"]["disbursed"] == Decimal("60000")
    assert report["funding_source"] == "ledger"
    assert {"figure": "Disbursed", "amount": Decimal("60000")} in report["funding_rows"]
    assert period["money"]["raised"] == Decimal("500000")
    assert period["money_by_funder"][0]["name"] == "Region Stockholm"
    tables = {t["name"]: t for t in selectors.open_data()}
    funders = packages.csv_bytes(tables["funding_per_funder.csv"]).decode("utf-8-sig")
    assert funders.splitlines()[1] == "'=Region,1,1"
