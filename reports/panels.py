"""The reports app's sections on other apps' pages."""

from django.urls import reverse
from django.utils.translation import gettext as _

from actors.panels import NavLink, Panel

from .choices import ReportKind, ReportStatus
from .models import ReportRequest
from .permissions import can_use_reports


def user_nav(request):
    if can_use_reports(request.user):
        return [NavLink(_("Reports"), reverse("reports:report_list"))]
    return []


def footer(request):
    return [Panel("reports/partials/_footer_panel.html")]


def initiative_results(request):
    """The initiative's published evaluation reports, one per language (one query)."""
    pk = request.resolver_match.kwargs["pk"]
    published = list(
        ReportRequest.objects.filter(
            kind=ReportKind.INITIATIVE, initiative_id=pk, published=True, status=ReportStatus.READY
        ).order_by("language")
    )
    can_request = can_use_reports(request.user)
    if not published and not can_request:
        return []
    return [
        Panel(
            "reports/partials/_initiative_panel.html",
            {"reports": published, "can_request": can_request, "initiative_id": pk},
        )
    ]
