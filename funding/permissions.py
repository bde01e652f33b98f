"""Who may see and change the fund's books.

Treasurers (and administrators) book money and register funders, grants and duties.
Coordinators read the books. Everyone else sees only the public totals.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actors.permissions import PortalRole, has_role

from .models import Funder, Grant, LedgerEntry, ReportingDuty

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
