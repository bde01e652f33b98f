"""The pages that gather several apps: the start page, the dashboard, an organisation's page,
the search."""

import re
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from actors import selectors as actor_selectors
from actors.districts import district_choice as district_choice_of
from actors.pagecache import varies_on_query
from actors.permissions import (
    ROLE_LABELS,
    can_edit_organisation,
    get_organisation_for_user,
    roles_of,
)

from . import search as portal_search
from . import sections


# The start page for a district is the start page with `?district=<slug>`, as the lists are read
# for one: the same choice of district on every page, and the links from the start page to the
# lists keep it as it is.
@varies_on_query("district")
def home(request):
    district_choice = district_choice_of(request)
    return render(
        request,
        "portal/home.html",
        {
            "district_choice": district_choice,
            "district_query": urlencode(district_choice.query),
            "organisations": actor_selectors.organisation_list_public(),
            "sections": sections.home(district_choice.chosen),
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


@varies_on_query("q", "kind", "page")
def search(request):
    """The search box's results: the best hits of every kind, or one kind's hits page by page."""
    query, shortened = portal_search.clean_query(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    page = request.GET.get("page", "1")
    result = portal_search.search(
        user=request.user,
        query=query,
        kind=kind,
        page=int(page) if re.fullmatch(r"[0-9]{1,3}", page) else 1,
    )
    return render(
        request,
        "portal/search.html",
        {
            "result": result,
            "search_query": query,
            "shortened": shortened,
            "max_length": portal_search.MAX_QUERY_LENGTH,
            "page_query": urlencode({"q": query, "kind": result.kind}),
        },
    )
