"""The fund's permission matrix: treasurers (and administrators) write, coordinators read, the
public sees the totals."""

import datetime
from types import SimpleNamespace

import pytest

from funding import services
from funding.choices import EntryKind as K
from initiatives.choices import InitiativeStep as S
from tests.conftest import ROLES
from tests.funding.factories import make_grant
from tests.initiatives.factories import InitiativeFactory
from tests.matrix import Case, allow, check_case, public, urls_of

READ = allow("coordinator", "treasurer", "admin")
WRITE = allow("treasurer", "admin")
NOT_ALLOWED_GET = dict.fromkeys(ROLES, 405)


url = urls_of("funding")


CASES = [
    Case("funding:public", url("public"), public()),
    Case("funding:overview", url("overview"), READ),
    Case("funding:ledger", url("ledger"), READ),
    Case("funding:ledger_csv", url("ledger_csv"), READ),
    Case("funding:entry_create", url("entry_create"), WRITE),
    Case(
        "funding:entry_create",
        url("entry_create"),
        WRITE,
        method="post",
        data=lambda o: {
            "kind": K.ALLOCATION,
            "grant": o.grant.pk,
            "initiative": o.initiative.pk,
            "amount": "100",
            "booked_on": "2026-03-01",
        },
    ),
    Case("funding:entry_reverse", url("entry_reverse", "receipt"), WRITE),
    Case(
        "funding:entry_reverse",
        url("entry_reverse", "receipt"),
        WRITE,
        method="post",
        data=lambda o: {"note": "Dubbelbokad", "booked_on": "2026-03-01"},
    ),
    Case("funding:funder_create", url("funder_create"), WRITE),
    Case("funding:funder_detail", url("funder_detail", "funder"), READ),
    Case("funding:grant_create", url("grant_create"), WRITE),
    Case("funding:grant_detail", url("grant_detail", "grant"), READ),
    Case("funding:grant_edit", url("grant_edit", "grant"), WRITE),
    Case(
        "funding:grant_edit",
        url("grant_edit", "grant"),
        WRITE,
        method="post",
        data=lambda o: {
            "title_sv": "Nytt namn",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    ),
    Case("funding:duty_create", url("duty_create", "grant"), WRITE),
    Case("funding:duty_done", url("duty_done", "duty"), NOT_ALLOWED_GET),
    Case("funding:duty_done", url("duty_done", "duty"), WRITE, method="post"),
]


@pytest.fixture
def objects(organisation, treasurer):
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    return SimpleNamespace(
        grant=grant,
        funder=grant.funder,
        receipt=grant.entries.get(kind=K.RECEIPT),
        duty=services.duty_add(
            grant=grant, description="Delrapport", due_on=datetime.date(2026, 6, 1), actor=None
        ),
        initiative=InitiativeFactory(lead_organisation=organisation, step=S.FUNDING),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
