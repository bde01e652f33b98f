from django.urls import reverse
from django.utils.translation import gettext as _

from actors import events
from actors.panels import NavLink, Panel
from actors.permissions import STAFF_ROLES, has_role, organisation_ids_of

from .models import Initiative


def nav(request):
    return [NavLink(_("Initiatives"), reverse("initiatives:initiative_list"))]


def user_nav(request):
    user = request.user
    if has_role(user, *STAFF_ROLES) or organisation_ids_of(user):
        return [NavLink(_("Pipeline board"), reverse("initiatives:pipeline"))]
    return []


TIMELINE_LENGTH = 8


def home(request):
    """ "You said, we did" on the start page: the latest public events of every app, as the
    event stream tells them (one query)."""
    timeline = events.timeline(limit=TIMELINE_LENGTH)
    return [Panel("initiatives/partials/_home_panel.html", {"timeline": timeline})]


def dashboard(request):
    ids = organisation_ids_of(request.user)
    if not ids:
        return []
    mine = (
        Initiative.objects.open()
        .filter(lead_organisation_id__in=ids)
        .select_related("lead_organisation")
        .order_by("-updated")[:20]
    )
    return [Panel("initiatives/partials/_dashboard_panel.html", {"initiatives": mine})]


def organisation(request):
    """The initiatives an organisation leads, on its public page."""
    slug = request.resolver_match.kwargs["slug"]
    led = (
        Initiative.objects.public()
        .filter(lead_organisation__slug=slug)
        .select_related("focus_area")
        .order_by("-updated")[:20]
    )
    return [Panel("initiatives/partials/_organisation_panel.html", {"initiatives": led})]
