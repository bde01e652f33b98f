"""Who may ask for, follow, download and publish reports.

Evaluators and coordinators (and administrators, who hold every role) ask for reports and
download them. Only coordinators publish an initiative's report; a published report, and its data
package, may then be downloaded by anyone.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actors.permissions import PortalRole, has_role, is_coordinator

from .models import ReportRequest

REPORT_ROLES = (PortalRole.EVALUATOR, PortalRole.COORDINATOR)


def can_use_reports(user) -> bool:
    return has_role(user, *REPORT_ROLES)


ACTIONS = {
    "view": lambda user, report: can_use_reports(user),
    "download": lambda user, report: report.published or can_use_reports(user),
    "retry": lambda user, report: can_use_reports(user),
    "publish": lambda user, report: is_coordinator(user),
}


def get_report_for_user(user, pk: int, action: str = "view") -> ReportRequest:
    """The report, or 404 when there is none and 403 when the action is not the user's."""
    report = get_object_or_404(
        ReportRequest.objects.select_related("initiative", "district"), pk=pk
    )
    if not ACTIONS[action](user, report):
        raise PermissionDenied
    return report
