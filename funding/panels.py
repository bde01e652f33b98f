from django.urls import reverse
from django.utils.translation import gettext as _

from actors.panels import NavLink, Panel

from . import selectors
from .permissions import can_book, can_read_books
from .rules import allocation_refusal


def nav(request):
    return [NavLink(_("Funding"), reverse("funding:public"))]


def user_nav(request):
    if can_read_books(request.user):
        return [NavLink(_("The fund's books"), reverse("funding:overview"))]
    return []


def dashboard(request):
    """Reports owed to funders soon, for the treasurer: one query."""
    if not can_book(request.user):
        return []
    return [Panel("funding/partials/_dashboard_panel.html", {"duties": selectors.duties_due()})]


def initiative_funding(request):
    """The initiative's money on its page: totals for everyone (one query), the grants it is
    paid from for treasurers and coordinators (one more)."""
    pk = request.resolver_match.kwargs["pk"]
    initiative, funding = selectors.initiative_with_funding(pk)
    reads = can_read_books(request.user)
    return [
        Panel(
            "funding/partials/_initiative_panel.html",
            {
                "initiative": initiative,
                "funding": funding,
                "sources": selectors.initiative_sources(initiative) if reads else None,
                "can_book": can_book(request.user),
                "can_allocate": can_book(request.user) and allocation_refusal(initiative) is None,
            },
        )
    ]


def organisation(request):
    """On a funder's public page: what it pledged and paid into the pool (one query)."""
    slug = request.resolver_match.kwargs["slug"]
    found = selectors.funder_with_totals(slug)
    if found is None:
        return []
    funder, balance = found
    return [
        Panel("funding/partials/_organisation_panel.html", {"funder": funder, "balance": balance})
    ]
