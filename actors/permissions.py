"""Who may do what. Every app asks these helpers instead of checking flags itself.

A person's portal roles and organisations are read once per request and kept on the user object,
so a page asks the same number of queries however many checks it makes.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import CharField, IntegerField, Value
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
    return _access(user)[0]


def organisation_ids_of(user) -> frozenset[int]:
    """The active organisations a user acts for."""
    return _access(user)[1]


def _access(user) -> tuple[frozenset[str], frozenset[int]]:
    """Roles and organisations, read together in one query the first time a request asks."""
    if not user.is_authenticated:
        return frozenset(), frozenset()
    cached = getattr(user, "_portal_access", None)
    if cached is None:
        sql, params = _access_sql()
        with connection.cursor() as cursor:
            cursor.execute(sql, [user.pk if param == _SOMEONE else param for param in params])
            rows = cursor.fetchall()
        roles = {role for role, _organisation in rows}
        if user.is_superuser:
            roles.add(ADMINISTRATOR)
        organisations = frozenset(organisation for _role, organisation in rows if organisation)
        cached = user._portal_access = (frozenset(roles), organisations)
    return cached


# Stands for the user in the access query compiled once per process and database: every
# logged-in page asks it, and building it costs more than running it.
_SOMEONE = -417
_compiled_access: dict[str, tuple[str, list]] = {}


def _access_sql() -> tuple[str, list]:
    if connection.vendor not in _compiled_access:
        # No ORDER BY in either half: SQLite refuses one inside a compound statement.
        assignments = (
            RoleAssignment.objects.filter(user_id=_SOMEONE)
            .order_by()
            .values_list("role", Value(None, output_field=IntegerField()))
        )
        memberships = (
            Membership.objects.filter(user_id=_SOMEONE, organisation__active=True)
            .order_by()
            .values_list(Value(MEMBER, output_field=CharField()), "organisation_id")
        )
        query = assignments.union(memberships, all=True).query
        sql, params = query.sql_with_params()
        assert list(params).count(_SOMEONE) == 2
        _compiled_access[connection.vendor] = (sql, list(params))
    return _compiled_access[connection.vendor]


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
