"""What the layout of every page shows: the collaboration, the visitor's roles and the menus."""

from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import gettext as _

from actors.models import SiteSettings
from actors.permissions import STAFF_ROLES, has_role, is_coordinator, roles_of
from funding.permissions import can_read_books
from initiatives.permissions import can_see_pipeline
from newsletter.permissions import can_manage_editions
from notifications.header import header_link
from reports.permissions import can_use_reports

from .sections import Section


class Link(NamedTuple):
    """An entry of the main menu or of the signed-in user's menu."""

    label: str
    url: str


def portal(request):
    user = getattr(request, "user", None)
    if user is None:
        return {"collaboration": SiteSettings.current()}
    return {
        "collaboration": SiteSettings.current(),
        "is_coordinator": is_coordinator(user),
        "is_staff_role": has_role(user, *STAFF_ROLES),
        "nav_links": main_menu(),
        "user_nav_links": user_menu(user) if roles_of(user) else [],
        "notifications_link": header_link(user) if user.is_authenticated else None,
        "footer_sections": footer(request),
    }


def main_menu() -> list[Link]:
    """The main menu, the same for everyone."""
    return [
        Link(_("Focus areas"), reverse("prioritization:focusarea_list")),
        Link(_("Needs"), reverse("prioritization:need_list")),
        Link(_("Workshops"), reverse("workshops:list")),
        Link(_("Initiatives"), reverse("initiatives:initiative_list")),
        Link(_("Funding"), reverse("funding:public")),
        Link(_("Newsletter"), reverse("newsletter:signup")),
    ]


def user_menu(user) -> list[Link]:
    """The pages the user's roles open, for the signed-in user's menu."""
    entries = [
        (is_coordinator(user), _("Residents' ideas"), "prioritization:idea_queue"),
        (can_see_pipeline(user), _("Pipeline board"), "initiatives:pipeline"),
        (can_read_books(user), _("The fund's books"), "funding:overview"),
        (can_read_books(user), _("Allocation requests"), "funding:request_list"),
        (can_manage_editions(user), _("Newsletter editions"), "newsletter:edition_list"),
        (can_use_reports(user), _("Reports"), "reports:report_list"),
    ]
    return [Link(label, reverse(name)) for allowed, label, name in entries if allowed]


def footer(request) -> list[Section]:
    """The newsletter's sign-up form, except on the sign-up page itself (it has the full form) and
    beside the login forms (a second e-mail field would only confuse), and the open data link."""
    match = getattr(request, "resolver_match", None)
    signup_page = match is not None and match.view_name == "newsletter:signup"
    sections = []
    if not signup_page and "/accounts/" not in request.path:
        sections.append(Section("newsletter/partials/_signup_footer.html"))
    sections.append(Section("reports/partials/_footer_panel.html"))
    return sections
