"""The fund's permission matrix: treasurers (and administrators) write, coordinators read, the
public sees the totals; people acting for an organisation ask for money."""

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
# Anyone acting for an organisation gets the form; the initiatives offered are their own.
ASK = allow("member", "outsider")
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
    Case("funding:request_list", url("request_list"), READ),
    Case("funding:request_create", url("request_create"), ASK),
    Case(
        "funding:request_create",
        url("request_create"),
        ASK,
        method="post",
        data=lambda o: {
            "initiative": o.initiative.pk,
            "amount": "100",
            "justification": "Hyra av hallen",
        },
    ),
    Case("funding:request_detail", url("request_detail", "request"), READ),
    Case("funding:request_grant", url("request_grant", "request"), NOT_ALLOWED_GET),
    Case(
        "funding:request_grant",
        url("request_grant", "request"),
        WRITE,
        method="post",
        data=lambda o: {"grant": o.grant.pk, "amount": "100", "booked_on": "2026-03-01"},
    ),
    Case("funding:request_decline", url("request_decline", "request"), NOT_ALLOWED_GET),
    Case(
        "funding:request_decline",
        url("request_decline", "request"),
        WRITE,
        method="post",
        data=lambda o: {"reason": "Inte i år"},
    ),
]


@pytest.fixture
def objects(organisation, treasurer, member):
    grant = make_grant(treasurer, "1000.00", received="1000.00")
    asking = InitiativeFactory(lead_organisation=organisation, step=S.FUNDING)
    return SimpleNamespace(
        request=services.allocation_request_make(
            initiative=asking, amount="200", justification="Material", actor=member
        ),
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
