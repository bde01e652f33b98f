"""Who may see and change an initiative.

The public reads every initiative past the draft stage. A draft (needs & data) is seen by its lead
organisation and the staff roles. The lead organisation and coordinators edit an open proposal.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from actors.permissions import (
    STAFF_ROLES,
    PortalRole,
    has_role,
    is_coordinator,
    is_member_of,
    organisation_ids_of,
)

from .models import Initiative


def can_propose(user) -> bool:
    """Coordinators and people acting for an organisation propose initiatives."""
    return is_coordinator(user) or bool(organisation_ids_of(user))


def can_see_drafts(user, initiative: Initiative) -> bool:
    return has_role(user, *STAFF_ROLES) or is_member_of(user, initiative.lead_organisation_id)


def is_lead(user, initiative: Initiative) -> bool:
    return is_coordinator(user) or is_member_of(user, initiative.lead_organisation_id)


ACTIONS = {
    "view": lambda user, i: True,
    "edit": lambda user, i: is_lead(user, i) and not i.is_closed,
    "decide": lambda user, i: is_coordinator(user),
    "follow_up": is_lead,
    "evaluate": lambda user, i: has_role(user, PortalRole.EVALUATOR),
}


def get_initiative_for_user(user, pk: int, action: str = "view") -> Initiative:
    """The initiative, or 404 when the user may not see it and 403 when the action is not theirs."""
    try:
        initiative = Initiative.objects.select_related("lead_organisation", "focus_area").get(pk=pk)
    except Initiative.DoesNotExist as exc:
        raise Http404 from exc
    if not (initiative.is_public or can_see_drafts(user, initiative)):
        raise Http404
    if not ACTIONS[action](user, initiative):
        raise PermissionDenied
    return initiative
