"""Who may see and change focus groups, insights and consultations.

Everything here is public to read (insights carry no personal data); coordinators write.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actors.permissions import is_coordinator

from .models import CouncilConsultation, FocusGroup, Insight


def _check(user, action: str) -> None:
    if action != "view" and not is_coordinator(user):
        raise PermissionDenied


def get_focus_group_for_user(user, pk: int, action: str = "view") -> FocusGroup:
    focus_group = get_object_or_404(FocusGroup.objects.select_related("host"), pk=pk)
    _check(user, action)
    return focus_group


def get_insight_for_user(user, pk: int, action: str = "view") -> Insight:
    insight = get_object_or_404(Insight.objects.select_related("focus_group"), pk=pk)
    _check(user, action)
    return insight


def get_consultation_for_user(user, pk: int, action: str = "view") -> CouncilConsultation:
    consultation = get_object_or_404(CouncilConsultation, pk=pk)
    _check(user, action)
    return consultation
