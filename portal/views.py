"""The pages that gather several apps: the start page, the dashboard, an organisation's page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from actors import selectors as actor_selectors
from actors.permissions import (
    ROLE_LABELS,
    can_edit_organisation,
    get_organisation_for_user,
    roles_of,
)

from . import sections


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "organisations": actor_selectors.organisation_list_public(),
            "sections": sections.home(),
            **actor_selectors.charter_items(),
        },
    )


@login_required
def dashboard(request):
    roles = roles_of(request.user)
    return render(
        request,
        "portal/dashboard.html",
        {
            "memberships": actor_selectors.memberships_of_user(request.user),
            "roles": roles,
            "role_labels": sorted(str(ROLE_LABELS[role]) for role in roles),
            "sections": sections.dashboard(request.user),
        },
    )


def organisation_detail(request, slug):
    organisation = get_organisation_for_user(request.user, slug)
    return render(
        request,
        "portal/organisation_detail.html",
        {
            "organisation": organisation,
            "can_edit": can_edit_organisation(request.user, organisation),
            "sections": sections.organisation(organisation),
        },
    )
