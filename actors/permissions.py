"""Who may do what. Every app asks these helpers instead of checking flags itself.

A person's portal roles and organisations are read once per request and kept on the user object,
so a page asks the same number of queries however many checks it makes.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from .choices import PortalRole
from .models import Membership, Organisation, RoleAssignment

MEMBER = "member"
ADMINISTRATOR = "administrator"
STAFF_ROLES = (PortalRole.COORDINATOR, PortalRole.TREASURER, PortalRole.EVALUATOR)
ROLE_LABELS = {
    **dict(PortalRole.choices),
    MEMBER: _("Member organisation"),
    ADMINISTRATOR: _("Administrator"),
}


def roles_of(user) -> frozenset[str]:
    """The roles a user holds: portal roles, "member" through an organisation, "administrator"."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
        if organisation_ids_of(user):
            roles.add(MEMBER)
        if user.is_superuser:
            roles.add(ADMINISTRATOR)
        cached = user._portal_roles = frozenset(roles)
    return cached


def organisation_ids_of(user) -> frozenset[int]:
    """The active organisations a user acts for."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_organisation_ids", None)
    if cached is None:
        cached = user._organisation_ids = frozenset(
            Membership.objects.filter(user=user, organisation__active=True).values_list(
                "organisation_id", flat=True
            )
        )
    return cached


def has_role(user, *roles: str) -> bool:
    """True when the user holds one of the roles; administrators hold them all."""
    held = roles_of(user)
    return ADMINISTRATOR in held or bool(held.intersection(roles))


def is_coordinator(user) -> bool:
    return has_role(user, PortalRole.COORDINATOR)


def is_member_of(user, organisation_id: int | None) -> bool:
    return organisation_id is not None and organisation_id in organisation_ids_of(user)


def role_required(*roles: str) -> Callable:
    """Anonymous visitors go to the login page; users without one of the roles get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def can_edit_organisation(user, organisation: Organisation) -> bool:
    return is_coordinator(user) or is_member_of(user, organisation.pk)


def get_organisation_for_user(user, slug: str, action: str = "view") -> Organisation:
    """The organisation, or 404 when it is not visible and 403 when the action is not allowed."""
    queryset = Organisation.objects.all() if is_coordinator(user) else Organisation.objects.active()
    organisation = get_object_or_404(queryset, slug=slug)
    if action == "edit" and not can_edit_organisation(user, organisation):
        raise PermissionDenied
    if action == "manage" and not is_coordinator(user):
        raise PermissionDenied
    return organisation
