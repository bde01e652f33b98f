"""Who may see and change needs, indicators, rounds, outcomes and interventions.

Reading is public, except a round still open for scoring: that is for signed-in people.
Coordinators write; member organisations score.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actors.choices import PortalRole
from actors.models import Organisation
from actors.permissions import is_coordinator, organisation_ids_of, role_required

from .models import Indicator, Need, Outcome, PrioritisationRound

coordinator_required = role_required(PortalRole.COORDINATOR)


class LoginRequired(Exception):
    """Raised where an anonymous visitor should be sent to the login page."""

    def __init__(self, path: str):
        super().__init__(path)
        self.path = path

    def response(self):
        return redirect_to_login(self.path)


def _check(user, action: str) -> None:
    if action != "view" and not is_coordinator(user):
        raise PermissionDenied


def get_need_for_user(user, pk: int, action: str = "view") -> Need:
    need = get_object_or_404(Need.objects.select_related("focus_area"), pk=pk)
    _check(user, action)
    return need


def get_indicator_for_user(user, slug: str, action: str = "view") -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("focus_area"), slug=slug)
    _check(user, action)
    return indicator


def get_outcome_for_user(user, pk: int, action: str = "view") -> Outcome:
    outcome = get_object_or_404(Outcome.objects.select_related("need__focus_area"), pk=pk)
    _check(user, action)
    return outcome


def get_round_for_user(request, pk: int, action: str = "view") -> PrioritisationRound:
    """A round; an open one only for signed-in people. Actions: view, score, close."""
    round_ = get_object_or_404(PrioritisationRound, pk=pk)
    user = request.user
    if (round_.is_open or action != "view") and not user.is_authenticated:
        raise LoginRequired(request.get_full_path())
    if action == "close":
        _check(user, action)
    if action == "score" and not organisation_ids_of(user):
        raise PermissionDenied
    return round_


def scoring_organisations(user):
    """The organisations a person may score for: the active ones they act for."""
    return list(Organisation.objects.filter(pk__in=organisation_ids_of(user)).order_by("name"))
