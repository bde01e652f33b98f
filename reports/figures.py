"""Money figures for the reports, from the funding app when it is installed.

The one place that knows whether the pooled fund's ledger exists. Without it the reports fall
back to what the initiatives app records: the requested budget, the treasurer's confirmed
amount (FundingConfirmation.amount) and the money the follow-ups report as spent. Figures the
fallback cannot know (money disbursed, raised, pledged, per funder) are None: "not recorded",
which the reports print as a dash rather than a misleading zero.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.db.models import Sum

from actors.i18n import active_language

ZERO = Decimal(0)


def funding_installed() -> bool:
    return apps.is_installed("funding")


def initiative_funding(initiative, *, follow_ups=None) -> dict:
    """Budget, granted, allocated, disbursed, spent, participants, cost per participant.

    `follow_ups` (with their reach prefetched) saves the fallback its queries when the caller
    already holds them.
    """
    if funding_installed():
        from funding import selectors

        return selectors.initiative_funding(initiative)
    if follow_ups is None:
        follow_ups = list(initiative.follow_ups.prefetch_related("reach"))
    confirmation = getattr(initiative, "funding_confirmation", None)
    granted = confirmation.amount if confirmation else None
    spent = sum((f.money_spent for f in follow_ups), ZERO)
    participants = sum(f.participants for f in follow_ups)
    return {
        "budget": initiative.budget,
        "granted": granted,
        "allocated": granted,
        "disbursed": None,
        "spent": spent,
        "participants": participants,
        "cost_per_participant": (spent / participants).quantize(Decimal("0.01"))
        if participants
        else None,
    }


def period_totals(*, start: datetime.date, end: datetime.date) -> dict:
    """Money raised, pledged, allocated and disbursed in the period, per focus area and funder."""
    if funding_installed():
        from funding import selectors

        return selectors.period_totals(start=start, end=end)
    from initiatives.models import FundingConfirmation

    confirmed = FundingConfirmation.objects.filter(
        confirmed_at__date__gte=start, confirmed_at__date__lte=end
    )
    by_area = (
        confirmed.values(
            "initiative__focus_area__name_sv",
            "initiative__focus_area__name_en",
            "initiative__focus_area__position",
        )
        .annotate(allocated=Sum("amount"))
        .order_by("initiative__focus_area__position")
    )
    english = active_language() == "en"
    return {
        "raised": None,
        "pledged": None,
        "allocated": confirmed.aggregate(total=Sum("amount"))["total"] or ZERO,
        "disbursed": None,
        "by_focus_area": [
            {
                "name": (english and row["initiative__focus_area__name_en"])
                or row["initiative__focus_area__name_sv"],
                "allocated": row["allocated"],
                "disbursed": None,
            }
            for row in by_area
        ],
        "by_funder": [],
    }


def public_totals() -> dict:
    """What the open-data package tells about money: per initiative and per funder."""
    if funding_installed():
        from funding import selectors

        return selectors.public_totals()
    from initiatives.models import Initiative

    rows = (
        Initiative.objects.public()
        .filter(funding_confirmation__isnull=False)
        .values_list("title_sv", "funding_confirmation__amount")
        .order_by("title_sv")
    )
    return {
        "per_initiative": [
            {"initiative": title, "allocated": amount, "disbursed": None} for title, amount in rows
        ],
        "per_funder": [],
    }
