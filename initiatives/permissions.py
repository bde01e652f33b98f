"""Who may see and change an initiative.

The public reads every initiative past the draft stage. A draft (needs & data) is seen by its lead
organisation and the staff roles, who also see the internal parts of every initiative they may
open. The lead organisation and coordinators edit an open proposal.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from actors.permissions import (
    STAFF_ROLES,
    PortalRole,
    has_role,
    is_coordinator,
    is_member_of,
    organisation_ids_of,
)

from .models import PUBLIC, Initiative


def _sees_drafts(user) -> Q:
    """The initiatives whose drafts and internal parts the user sees: every one for the staff
    roles, those their own organisations lead for members, none for anyone else."""
    if has_role(user, *STAFF_ROLES):
        return Q(pk__isnull=False)
    return Q(lead_organisation__in=organisation_ids_of(user))


def initiatives_visible_to(user) -> QuerySet[Initiative]:
    """Every initiative the user may open, each marked `sees_drafts` when its internal parts are
    theirs to see too. The one rule of the detail page and the pipeline board."""
    sees_drafts = _sees_drafts(user)
    return Initiative.objects.filter(PUBLIC | sees_drafts).annotate(
        sees_drafts=ExpressionWrapper(sees_drafts, output_field=BooleanField())
    )


def can_propose(user) -> bool:
    """Coordinators and people acting for an organisation propose initiatives."""
    return is_coordinator(user) or bool(organisation_ids_of(user))


def can_see_pipeline(user) -> bool:
    """The staff roles see the pipeline board, and people acting for an organisation."""
    return has_role(user, *STAFF_ROLES) or bool(organisation_ids_of(user))


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
        initiative = (
            initiatives_visible_to(user)
            .select_related("lead_organisation", "focus_area")
            .get(pk=pk)
        )
    except Initiative.DoesNotExist as exc:
        raise Http404 from exc
    if not ACTIONS[action](user, initiative):
        raise PermissionDenied
    return initiative
