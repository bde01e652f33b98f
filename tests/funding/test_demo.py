"""The demo books add up, and loading them twice books nothing new."""

import pytest
from django.core.management import call_command

from funding import selectors
from funding.models import AllocationRequest, Funder, Grant, LedgerEntry, ReportingDuty
from initiatives.choices import InitiativeStep as S
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_the_demo_books_are_consistent_and_load_once():
    call_command("seed_demo")
    models = (Funder, Grant, LedgerEntry, ReportingDuty, AllocationRequest)
    counts = [m.objects.count() for m in models]
    assert counts[0] == 3
    assert Grant.objects.filter(earmark="none").exists()
    assert Grant.objects.exclude(earmark="none").count() >= 2
    assert LedgerEntry.objects.filter(reverses__isnull=False).count() == 1

    for initiative in Initiative.objects.filter(step__in=[S.EXECUTION, S.EVALUATION, S.COMPLETED]):
        funding = selectors.initiative_funding(initiative)
        assert funding["allocated"] == initiative.budget, initiative
        assert 0 < funding["disbursed"] <= funding["allocated"]
    pool = selectors.pool_balance()
    assert 0 <= pool.disbursed <= pool.allocated <= pool.received <= pool.pledged
    for grant in Grant.objects.all():
        assert selectors.grant_balance(grant).available >= 0

    # The initiative waiting at the funding step asks for what its budget still lacks.
    (asked,) = selectors.requests_open()
    assert (
        asked.amount
        == asked.initiative.budget - selectors.initiative_funding(asked.initiative)["allocated"]
    )
    assert asked.requested_by.memberships.get().organisation == asked.initiative.lead_organisation

    call_command("seed_demo")
    assert [m.objects.count() for m in models] == counts


def test_the_demo_grows_with_its_scale():
    call_command("seed_demo", scale=2)
    for initiative in Initiative.objects.filter(step=S.COMPLETED):
        assert selectors.initiative_funding(initiative)["allocated"] == initiative.budget
    # Money goes to an initiative from grants running when it is allocated.
    for entry in LedgerEntry.objects.filter(kind="allocation").select_related("grant"):
        assert entry.grant.starts_on <= entry.booked_on <= entry.grant.ends_on
