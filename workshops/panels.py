"""What the workshops app adds to the menu, the start page and the dashboard.

Each function runs on every request of its page: at most three small queries.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from actors.panels import NavLink, Panel
from actors.permissions import is_coordinator, organisation_ids_of

from . import selectors


def nav(request):
    return [NavLink(_("Workshops"), reverse("workshops:list"))]


def home(request):
    return [Panel("workshops/partials/_home_panel.html", {"next": selectors.next_workshop()})]


def dashboard(request):
    user = request.user
    panels = []
    if is_coordinator(user):
        panels.append(
            Panel(
                "workshops/partials/_coordinator_panel.html",
                {
                    "ideas_due": selectors.ideas_due(),
                    "drafts": selectors.drafts_awaiting_publish(),
                },
            )
        )
    own = organisation_ids_of(user)
    if own:
        panels.append(
            Panel(
                "workshops/partials/_member_panel.html",
                {"actions": selectors.open_actions_of(own)},
            )
        )
    return panels
