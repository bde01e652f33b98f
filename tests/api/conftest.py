"""The API's tests: public data of a chosen size, with drafts beside it that must never show."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from actors.choices import PortalRole
from funding.choices import EntryKind
from initiatives.models import FollowUpReach, InitiativeStepChange
from prioritization.choices import RoundStatus
from prioritization.models import DataPoint, Indicator, PrioritisationRound, RoundResult
from tests.factories import OrganisationFactory, user_with_role
from tests.funding.factories import book, make_grant
from tests.initiatives.factories import (
    FocusAreaFactory,
    FollowUpFactory,
    InitiativeFactory,
    NeedFactory,
    TargetGroupFactory,
)
from tests.workshops.factories import WorkshopFactory
from workshops.choices import MinutesState


def publish(n: int) -> dict:
    """n of everything the API lists, each with what it joins (money, follow-ups, reach, data
    points, results), and the drafts no list may show: an initiative at the needs step, a
    withdrawn draft, a workshop with draft minutes, an open round's result, an inactive actor."""
    treasurer = user_with_role(PortalRole.TREASURER)
    area = FocusAreaFactory()
    group = TargetGroupFactory()
    grant = make_grant(treasurer, "9000000.00", received="9000000.00")
    round_closed = PrioritisationRound.objects.create(
        title_sv="Våren", status=RoundStatus.CLOSED, closed_at=timezone.now()
    )
    round_open = PrioritisationRound.objects.create(title_sv="Hösten", status=RoundStatus.OPEN)
    made = {"initiatives": [], "needs": [], "indicators": [], "workshops": []}
    for i in range(n):
        need = NeedFactory(focus_area=area)
        initiative = InitiativeFactory(
            step="execution", focus_area=area, submitted_at=timezone.now()
        )
        initiative.needs.add(need)
        initiative.partners.add(OrganisationFactory())
        InitiativeStepChange.objects.create(
            initiative=initiative, from_step="funding", to_step="execution", note="Beviljad"
        )
        follow_up = FollowUpFactory(initiative=initiative, money_spent=Decimal("250.50"))
        FollowUpReach.objects.create(follow_up=follow_up, target_group=group, participants=7)
        book(treasurer, EntryKind.ALLOCATION, grant, Decimal("1000.00") + i, initiative=initiative)
        book(treasurer, EntryKind.DISBURSEMENT, grant, Decimal("400.00"), initiative=initiative)
        indicator = Indicator.objects.create(
            slug=f"indicator-{i}", name_sv=f"Indikator {i}", unit="%", source="SCB", focus_area=area
        )
        DataPoint.objects.create(indicator=indicator, period="2025", value=Decimal("12.5"))
        DataPoint.objects.create(
            indicator=indicator, period="2025", target_group=group, value=Decimal("14.25")
        )
        RoundResult.objects.create(
            round=round_closed,
            need=need,
            rank=i + 1,
            urgency=Decimal("4.50"),
            capacity=Decimal("3.25"),
            score_count=3,
        )
        RoundResult.objects.create(
            round=round_open, need=need, rank=i + 1, urgency=1, capacity=1, score_count=1
        )
        workshop = WorkshopFactory(
            minutes_state=MinutesState.PUBLISHED,
            published_at=timezone.now(),
            starts_at=timezone.now() - datetime.timedelta(days=14 * (i + 1)),
        )
        made["initiatives"].append(initiative)
        made["needs"].append(need)
        made["indicators"].append(indicator)
        made["workshops"].append(workshop)
    made["draft"] = InitiativeFactory(step="needs", title_sv="Utkast", focus_area=area)
    made["withdrawn_draft"] = InitiativeFactory(step="withdrawn", title_sv="Återtaget utkast")
    made["draft_workshop"] = WorkshopFactory(minutes_state=MinutesState.DRAFT)
    made["inactive"] = OrganisationFactory(active=False, name="Nedlagd förening")
    return made


@pytest.fixture
def published(db):
    return publish(3)
