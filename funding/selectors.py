"""Reads of the fund: balances derived from the ledger, and the lists the pages show.

The reports app calls `initiative_funding`, `period_totals` and `public_totals`; their keys are
a contract. Every function here runs a fixed number of queries, however long the ledger grows.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from actors.i18n import row_fields, row_text
from initiatives.models import FollowUp, FollowUpReach, Initiative
from prioritization.models import FocusArea

from .balances import ZERO, Balance, sums
from .choices import Earmark, RequestStatus
from .models import AllocationRequest, Funder, Grant, LedgerEntry, ReportingDuty
from .rules import grants_for

DUE_SOON_DAYS = 30
# How many answered requests the requests page shows under the open ones.
ANSWERED_SHOWN = 20


def _summed(queryset, expression, output_field):
    """A correlated subquery summing `expression` over `queryset` (already filtered on OuterRef)."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(_one=Value(1))
            .values("_one")
            .annotate(_total=Sum(expression))
            .values("_total")[:1],
            output_field=output_field,
        ),
        Value(0 if isinstance(output_field, IntegerField) else ZERO),
        output_field=output_field,
    )


MONEY = DecimalField(max_digits=14, decimal_places=2)


def _with_funding(queryset):
    """Initiatives annotated with their ledger sums, the grants earmarked for them, the money
    their follow-ups report as spent and the participants reached: one query."""
    entries = LedgerEntry.objects.filter(initiative=OuterRef("pk"))
    return queryset.annotate(
        **{
            name: Subquery(
                entries.order_by()
                .values("initiative")
                .annotate(_total=aggregate)
                .values("_total")[:1],
                output_field=MONEY,
            )
            for name, aggregate in sums().items()
        },
        granted=_summed(Grant.objects.filter(initiative=OuterRef("pk")), "amount", MONEY),
        spent=_summed(FollowUp.objects.filter(initiative=OuterRef("pk")), "money_spent", MONEY),
        participants=_summed(
            FollowUpReach.objects.filter(follow_up__initiative=OuterRef("pk")),
            "participants",
            IntegerField(),
        ),
    )


def cost_per_participant(spent: Decimal, participants: int) -> Decimal | None:
    if not participants:
        return None
    return (spent / participants).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _funding_dict(initiative) -> dict:
    balance = Balance.of(initiative)
    spent = initiative.spent or ZERO
    participants = initiative.participants or 0
    return {
        "budget": initiative.budget,
        "granted": initiative.granted or ZERO,
        "allocated": balance.allocated,
        "disbursed": balance.disbursed,
        "spent": spent,
        "participants": participants,
        "cost_per_participant": cost_per_participant(spent, participants),
    }


def initiative_funding(initiative: Initiative | int) -> dict:
    """An initiative's money from the pool to what it achieved, in one query; given the
    initiative, or only its key where the caller has not loaded it (the evaluation report).

    budget: what the initiative asked for; granted: grants earmarked for it; allocated: what it
    holds from the pool; disbursed: what was paid to the lead organisation; spent: what the
    follow-ups report as spent; participants: reached, summed over the follow-ups;
    cost_per_participant: spent / participants (None when nobody is reported yet).
    """
    pk = initiative.pk if isinstance(initiative, Initiative) else initiative
    annotated = _with_funding(Initiative.objects.filter(pk=pk)).get()
    return _funding_dict(annotated)


def initiatives_with_funding(queryset):
    """The initiatives of `queryset` with the sums `funding_of` reads, in the same one query:
    for lists that show each initiative's money (the open-data API)."""
    return _with_funding(queryset)


def funding_of(initiative) -> dict:
    """What `initiative_funding` tells, for an initiative from `initiatives_with_funding`."""
    return _funding_dict(initiative)


def initiative_sources(initiative) -> list[dict]:
    """Per grant, what the initiative holds and was paid from it: one query."""
    rows = (
        LedgerEntry.objects.filter(initiative=initiative)
        .order_by()
        .values("grant", *row_fields("grant__title"), "grant__funder__organisation__name")
        .annotate(**sums())
        .order_by("grant__funder__organisation__name", "grant")
    )
    return [
        {
            "grant_id": row["grant"],
            "grant": row_text(row, "grant__title"),
            "funder": row["grant__funder__organisation__name"],
            "balance": Balance.of(row),
        }
        for row in rows
    ]


def pool_balance() -> Balance:
    """The whole pool: one query."""
    return Balance.of(LedgerEntry.objects.aggregate(**sums()))


def funder_balances():
    """Every funder with what it pledged, paid in and how much of it is allocated: one query."""
    funders = Funder.objects.select_related("organisation").annotate(
        **sums(prefix="grants__entries__")
    )
    return [(funder, Balance.of(funder)) for funder in funders.order_by("organisation__name")]


def focus_area_balances():
    """Per focus area, what its initiatives hold and were paid: one query."""
    areas = FocusArea.objects.annotate(**sums(prefix="initiatives__ledger_entries__")).order_by(
        "position", "pk"
    )
    return [(area, Balance.of(area)) for area in areas]


def earmark_balances() -> list[dict]:
    """Per earmark (none, each focus area, each initiative) the money and where it stands:
    three queries (the sums, then the names of the focus areas and initiatives)."""
    rows = list(
        LedgerEntry.objects.order_by()
        .values("grant__earmark", "grant__focus_area", "grant__initiative")
        .annotate(**sums())
    )
    areas = FocusArea.objects.in_bulk({r["grant__focus_area"] for r in rows} - {None})
    initiatives = Initiative.objects.in_bulk({r["grant__initiative"] for r in rows} - {None})
    result = []
    for row in rows:
        earmark = row["grant__earmark"]
        if earmark == Earmark.FOCUS_AREA:
            label = str(areas[row["grant__focus_area"]])
        elif earmark == Earmark.INITIATIVE:
            label = str(initiatives[row["grant__initiative"]])
        else:
            label = str(Earmark.NONE.label)
        result.append({"earmark": Earmark(earmark), "label": label, "balance": Balance.of(row)})
    order = {Earmark.NONE: 0, Earmark.FOCUS_AREA: 1, Earmark.INITIATIVE: 2}
    return sorted(result, key=lambda r: (order[r["earmark"]], r["label"]))


def grants_with_balances(queryset=None):
    """Grants joined for a list, each annotated with its ledger sums: one query."""
    queryset = Grant.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("funder__organisation", "focus_area", "initiative")
        .annotate(**sums(prefix="entries__"))
        .order_by("-starts_on", "-pk")
    )


def grant_balance(grant) -> Balance:
    return Balance.of(LedgerEntry.objects.filter(grant=grant).aggregate(**sums()))


def duties_due(*, days: int = DUE_SOON_DAYS, limit: int = 20):
    """Reports not sent yet that are due within `days` (or overdue), soonest first."""
    horizon = timezone.localdate() + datetime.timedelta(days=days)
    return (
        ReportingDuty.objects.filter(done_on__isnull=True, due_on__lte=horizon)
        .select_related("grant__funder__organisation")
        .order_by("due_on", "pk")[:limit]
    )


def duties_unreported(
    *, on: datetime.date | None = None, before: datetime.date | None = None
) -> list[ReportingDuty]:
    """Reports not sent yet that are due on the day `on`, or before the day `before`, with their
    grant and funder."""
    dates = {"due_on": on} if on is not None else {"due_on__lt": before}
    return list(
        ReportingDuty.objects.filter(done_on__isnull=True, **dates)
        .select_related("grant__funder__organisation")
        .order_by("due_on", "pk")
    )


def ledger(*, kind=None, funder=None, grant=None, initiative=None, start=None, end=None):
    """Ledger entries, newest first, joined for the ledger page and the CSV export."""
    queryset = LedgerEntry.objects.select_related(
        "grant__funder__organisation", "initiative", "created_by", "reverses", "reversed_by"
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if funder:
        queryset = queryset.filter(grant__funder=funder)
    if grant:
        queryset = queryset.filter(grant=grant)
    if initiative:
        queryset = queryset.filter(initiative=initiative)
    if start:
        queryset = queryset.filter(booked_on__gte=start)
    if end:
        queryset = queryset.filter(booked_on__lte=end)
    return queryset.order_by("-booked_on", "-pk")


def period_totals(*, start: datetime.date, end: datetime.date) -> dict:
    """What moved in the fund between `start` and `end` (both included), by booking date.

    raised: received in the period; pledged, allocated (less returns), disbursed (less money paid
    back); by_focus_area: allocated and disbursed per focus area of the initiatives;
    by_funder: pledged and received per funder. Three queries.
    """
    in_period = Q(booked_on__gte=start, booked_on__lte=end)
    pool = Balance.of(LedgerEntry.objects.filter(in_period).aggregate(**sums()))
    areas_prefix = "initiatives__ledger_entries__"
    areas = FocusArea.objects.annotate(
        **sums(
            prefix=areas_prefix,
            extra=Q(
                **{f"{areas_prefix}booked_on__gte": start, f"{areas_prefix}booked_on__lte": end}
            ),
        )
    ).order_by("position", "pk")
    funders_prefix = "grants__entries__"
    funders = (
        Funder.objects.select_related("organisation")
        .annotate(
            **sums(
                prefix=funders_prefix,
                extra=Q(
                    **{
                        f"{funders_prefix}booked_on__gte": start,
                        f"{funders_prefix}booked_on__lte": end,
                    }
                ),
            )
        )
        .order_by("organisation__name")
    )
    return {
        "raised": pool.received,
        "pledged": pool.pledged,
        "allocated": pool.allocated,
        "disbursed": pool.disbursed,
        "by_focus_area": [
            {"name": area.name, "allocated": b.allocated, "disbursed": b.disbursed}
            for area, b in ((area, Balance.of(area)) for area in areas)
        ],
        "by_funder": [
            {"name": funder.organisation.name, "pledged": b.pledged, "received": b.received}
            for funder, b in ((funder, Balance.of(funder)) for funder in funders)
        ],
    }


def public_totals() -> dict:
    """What the public may see: per public initiative what it was allocated and paid, and per
    funder what it pledged and paid in. No notes, no single entries. Two queries."""
    initiatives = (
        Initiative.objects.public()
        .select_related("focus_area", "lead_organisation")
        .annotate(**sums(prefix="ledger_entries__"))
        .filter(Q(allocations__gt=0) | Q(disbursements__gt=0))
        .order_by("title_sv", "pk")
    )
    funders = (
        Funder.objects.select_related("organisation")
        .annotate(**sums(prefix="grants__entries__"))
        .filter(Q(pledges__gt=0) | Q(receipts__gt=0))
        .order_by("organisation__name")
    )
    return {
        "per_initiative": [
            {"initiative": i, "allocated": b.allocated, "disbursed": b.disbursed}
            for i, b in ((i, Balance.of(i)) for i in initiatives)
        ],
        "per_funder": [
            {"funder": f, "pledged": b.pledged, "received": b.received}
            for f, b in ((f, Balance.of(f)) for f in funders)
        ],
    }


def funder_balance(funder) -> Balance:
    return Balance.of(LedgerEntry.objects.filter(grant__funder=funder).aggregate(**sums()))


def funder_with_totals(organisation) -> tuple[Funder, Balance] | None:
    """The funder of an organisation with its balance, or None when it gives no money: one
    query."""
    funder = (
        Funder.objects.filter(organisation=organisation)
        .annotate(**sums(prefix="grants__entries__"))
        .first()
    )
    return None if funder is None else (funder, Balance.of(funder))


def _requests():
    return AllocationRequest.objects.select_related(
        "initiative__lead_organisation", "grant__funder__organisation", "requested_by"
    )


def requests_open():
    """Requests waiting for the treasurer's answer, the oldest first."""
    return _requests().filter(status=RequestStatus.OPEN).order_by("created", "pk")


def requests_answered(*, limit: int = ANSWERED_SHOWN):
    """The latest answered requests, with the allocation booked for each one granted."""
    return (
        _requests()
        .exclude(status=RequestStatus.OPEN)
        .select_related("entry")
        .order_by("-answered_at", "-pk")[:limit]
    )


def requests_open_count() -> int:
    return AllocationRequest.objects.filter(status=RequestStatus.OPEN).count()


def latest_request(initiative) -> AllocationRequest | None:
    """The initiative's last request to the fund, with the allocation booked if granted: one
    query."""
    return (
        AllocationRequest.objects.filter(initiative=initiative)
        .select_related("entry")
        .order_by("-created", "-pk")
        .first()
    )


def grants_for_initiative(initiative):
    """The grants whose money may go to the initiative, each with its ledger sums: one query."""
    return grants_with_balances(Grant.objects.filter(grants_for(initiative)))
