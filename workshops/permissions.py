"""Who may see and change what in the workshops.

Coordinators plan, log and publish workshops. Members of an organisation (and the staff roles)
read the internal side: drafts, internal notes, actions, the parking lot, theme suggestions;
they update the actions their organisation owns and comment on drafts of workshops their
organisation attended. The public reads planned workshops and published summaries.
"""

import re

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from actors.choices import PortalRole
from actors.permissions import MEMBER, has_role, is_coordinator, is_member_of, organisation_ids_of

from .choices import ItemKind, WorkshopStatus
from .models import Attendance, PrioritisationMatrix, Workshop, WorkshopItem, WorkshopPhoto

INSIDE_ROLES = (MEMBER, PortalRole.COORDINATOR, PortalRole.TREASURER, PortalRole.EVALUATOR)
# More than a page of the open actions list is not something the list sends.
MAX_ACTIONS_AT_ONCE = 100
# A primary key as a form sends it: ASCII digits that fit in a bigint.
KEY = re.compile(r"[0-9]{1,18}")


def reads_internal(user) -> bool:
    """Members and staff read drafts, internal notes, actions and the parking lot."""
    return has_role(user, *INSIDE_ROLES)


def can_comment(user, workshop: Workshop) -> bool:
    """Coordinators, and members of organisations that came, comment on draft minutes."""
    if not workshop.is_draft:
        return False
    if is_coordinator(user):
        return True
    own = organisation_ids_of(user)
    return (
        bool(own)
        and Attendance.objects.filter(
            workshop=workshop, organisation_id__in=own, people__gt=0
        ).exists()
    )


def can_update_action(user, item: WorkshopItem) -> bool:
    return item.kind == ItemKind.ACTION and (
        is_coordinator(user) or is_member_of(user, item.owner_id)
    )


def updatable_actions(user, actions) -> set[int]:
    """The keys of those actions the user may update, for a page that lists them."""
    return {action.pk for action in actions if can_update_action(user, action)}


def get_actions_for_user(user, pks: list[str]) -> list[WorkshopItem]:
    """Actions to update together, as the open actions list sends their keys: 400 for a key that
    is not one, 404 when an action is gone, 403 when one is not the user's to update."""
    if len(pks) > MAX_ACTIONS_AT_ONCE or not all(KEY.fullmatch(pk) for pk in pks):
        raise BadRequest
    wanted = {int(pk) for pk in pks}
    actions = list(WorkshopItem.objects.filter(pk__in=wanted).order_by("pk"))
    if len(actions) != len(wanted):
        raise Http404
    if not all(can_update_action(user, action) for action in actions):
        raise PermissionDenied
    return actions


def get_workshop_for_user(user, pk: int, action: str = "view") -> Workshop:
    """The workshop (every workshop is public), or 403 when the action is not the user's to take."""
    workshop = get_object_or_404(Workshop.objects.select_related("host"), pk=pk)
    if action in {"edit", "log", "publish", "cancel", "add_photo"} and not is_coordinator(user):
        raise PermissionDenied
    if action == "comment" and not can_comment(user, workshop):
        raise PermissionDenied
    return workshop


def can_see_record(user, workshop: Workshop) -> bool:
    """The minutes (and their photos): public once published, to members and staff once held."""
    return workshop.is_published or (
        workshop.status == WorkshopStatus.HELD and reads_internal(user)
    )


def get_photo_for_user(user, pk: int, action: str = "view") -> WorkshopPhoto:
    """A photo; 404 to whoever may not read its workshop's minutes, 403 for a change by others."""
    photo = get_object_or_404(WorkshopPhoto.objects.select_related("workshop"), pk=pk)
    if not can_see_record(user, photo.workshop):
        raise Http404
    if action != "view" and not is_coordinator(user):
        raise PermissionDenied
    return photo


def get_item_for_user(user, pk: int, action: str) -> WorkshopItem:
    """An item to change: an action (owner's members, coordinators) or a parked item
    (coordinators)."""
    item = get_object_or_404(WorkshopItem.objects.select_related("workshop", "owner"), pk=pk)
    if action == "update_action":
        if item.kind != ItemKind.ACTION:
            raise PermissionDenied
        if not can_update_action(user, item):
            raise PermissionDenied
    elif action == "manage_parked_item":
        if item.kind != ItemKind.PARKED or not is_coordinator(user):
            raise PermissionDenied
    else:
        raise PermissionDenied
    return item


def get_matrix_for_user(user, pk: int) -> PrioritisationMatrix:
    """A prioritisation matrix to change: coordinators only."""
    matrix = get_object_or_404(PrioritisationMatrix.objects.select_related("workshop"), pk=pk)
    if not is_coordinator(user):
        raise PermissionDenied
    return matrix
