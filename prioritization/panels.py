"""Menu entries and page sections this app adds to pages the actors app owns.

Each provider runs on every request of its page and asks a fixed, small number of queries.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from actors.panels import NavLink, Panel
from actors.permissions import has_role, is_coordinator, organisation_ids_of
from focusgroups import selectors as focusgroup_selectors

from . import selectors


def nav(request):
    return [
        NavLink(_("Focus areas"), reverse("prioritization:focusarea_list")),
        NavLink(_("Needs"), reverse("prioritization:need_list")),
    ]


def user_nav(request):
    if not is_coordinator(request.user):
        return []
    return [NavLink(_("Residents' ideas"), reverse("prioritization:idea_queue"))]


def home(request):
    # One query: the focus areas with their counts.
    return [
        Panel(
            "prioritization/partials/_home_panel.html",
            {"focus_areas": list(selectors.focus_area_list())},
        )
    ]


def dashboard(request):
    user = request.user
    panels = []
    if is_coordinator(user):
        # Two queries: ideas awaiting moderation (count + first five), open rounds.
        ideas = focusgroup_selectors.ideas_awaiting()
        panels.append(
            Panel(
                "prioritization/partials/_dashboard_coordinator.html",
                {
                    "ideas": list(ideas[:5]),
                    "idea_count": ideas.count(),
                    "rounds": list(selectors.open_rounds()),
                },
            )
        )
    organisation_ids = organisation_ids_of(user)
    if organisation_ids and has_role(user, "member"):
        # One query: open rounds where the person's organisations have needs left to score.
        panels.append(
            Panel(
                "prioritization/partials/_dashboard_member.html",
                {"rounds": selectors.open_rounds_unscored_by(organisation_ids)},
            )
        )
    return panels
