"""Who may see and change the fund's books.

Treasurers (and administrators) book money and register funders, grants and duties.
Coordinators read the books. Everyone else sees only the public totals. The people of an
organisation ask the fund for money for the initiatives it leads at the funding step; treasurers
answer, and coordinators read the requests with the books.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actors.permissions import PortalRole, has_role, organisation_ids_of
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative

from .models import AllocationRequest, Funder, Grant, LedgerEntry, ReportingDuty

READ_ROLES = (PortalRole.TREASURER, PortalRole.COORDINATOR)
WRITE_ROLES = (PortalRole.TREASURER,)


def can_read_books(user) -> bool:
    return has_role(user, *READ_ROLES)


def can_book(user) -> bool:
    return has_role(user, *WRITE_ROLES)


def _check(user, action: str) -> None:
    if not (can_book(user) if action == "book" else can_read_books(user)):
        raise PermissionDenied


def get_funder_for_user(user, pk: int, action: str = "view") -> Funder:
    _check(user, action)
    return get_object_or_404(Funder.objects.select_related("organisation"), pk=pk)


def get_grant_for_user(user, pk: int, action: str = "view") -> Grant:
    _check(user, action)
    return get_object_or_404(
        Grant.objects.select_related("funder__organisation", "focus_area", "initiative"), pk=pk
    )


def get_entry_for_user(user, pk: int, action: str = "view") -> LedgerEntry:
    _check(user, action)
    return get_object_or_404(
        LedgerEntry.objects.select_related(
            "grant__funder__organisation", "initiative", "reverses", "reversed_by", "created_by"
        ),
        pk=pk,
    )


def get_duty_for_user(user, pk: int, action: str = "view") -> ReportingDuty:
    _check(user, action)
    return get_object_or_404(ReportingDuty.objects.select_related("grant"), pk=pk)


def can_ask_for_money(user) -> bool:
    """People acting for an organisation ask for money for the initiatives it leads."""
    return bool(organisation_ids_of(user))


def initiatives_to_ask_for(user):
    """The initiatives the user's organisations lead that wait at the funding step."""
    return Initiative.objects.filter(
        lead_organisation__in=organisation_ids_of(user), step=InitiativeStep.FUNDING
    ).order_by("title_sv", "pk")


def get_request_for_user(user, pk: int, action: str = "view") -> AllocationRequest:
    _check(user, action)
    return get_object_or_404(
        AllocationRequest.objects.select_related(
            "initiative__lead_organisation",
            "initiative__focus_area",
            "grant__funder__organisation",
            "requested_by",
            "answered_by",
            "entry__grant__funder__organisation",
        ),
        pk=pk,
    )
