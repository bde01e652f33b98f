"""The newsletter's place on every page: a menu entry, the sign-up form in the footer, and the
coordinators' way to the editions. None of these asks the database anything."""

from django.urls import reverse
from django.utils.translation import gettext as _

from actors.panels import NavLink, Panel

from .permissions import can_manage_editions


def nav(request):
    return [NavLink(_("Newsletter"), reverse("newsletter:signup"))]


def user_nav(request):
    if can_manage_editions(request.user):
        return [NavLink(_("Newsletter editions"), reverse("newsletter:edition_list"))]
    return []


def footer(request):
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "newsletter:signup":
        return []  # the page itself has the full form
    if "/accounts/" in request.path:
        return []  # a second e-mail field beside the login form would only confuse
    return [Panel("newsletter/partials/_signup_footer.html")]
