"""Who may ask for, follow, download and publish reports: every URL of the app × every role."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.conftest import ROLES
from tests.initiatives.factories import InitiativeFactory
from tests.matrix import LOGIN, Case, allow, check_case, public

from .conftest import stored_report

REPORTS = allow("evaluator", "coordinator", "admin")
COORDINATOR = allow("coordinator", "admin")
POST_ONLY = dict.fromkeys(ROLES, 405)

CASES = [
    Case("reports:report_list", lambda o: reverse("reports:report_list"), REPORTS),
    # A visit is sent on to the form on the list page.
    Case(
        "reports:report_create",
        lambda o: reverse("reports:report_create"),
        {**REPORTS, "evaluator": 302, "coordinator": 302, "admin": 302},
    ),
    # An empty form comes back with its errors for those who may ask; nothing is made.
    Case(
        "reports:report_create", lambda o: reverse("reports:report_create"), REPORTS, method="post"
    ),
    Case("reports:report_detail", lambda o: o.report.get_absolute_url(), REPORTS),
    Case(
        "reports:report_status",
        lambda o: reverse("reports:report_status", args=[o.report.pk]),
        REPORTS,
    ),
    # Downloads: evaluators, coordinators and administrators only, until a report is published.
    Case(
        "reports:report_download",
        lambda o: reverse("reports:report_download", args=[o.report.pk]),
        REPORTS,
    ),
    Case(
        "reports:report_package",
        lambda o: reverse("reports:report_package", args=[o.report.pk]),
        REPORTS,
    ),
    Case(
        "reports:report_download",
        lambda o: reverse("reports:report_download", args=[o.published.pk]),
        public(),
    ),
    Case(
        "reports:report_package",
        lambda o: reverse("reports:report_package", args=[o.published.pk]),
        public(),
    ),
    Case(
        "reports:report_retry",
        lambda o: reverse("reports:report_retry", args=[o.failed.pk]),
        POST_ONLY,
    ),
    Case(
        "reports:report_retry",
        lambda o: reverse("reports:report_retry", args=[o.failed.pk]),
        REPORTS,
        method="post",
    ),
    Case(
        "reports:report_publish",
        lambda o: reverse("reports:report_publish", args=[o.report.pk]),
        POST_ONLY,
    ),
    Case(
        "reports:report_publish",
        lambda o: reverse("reports:report_publish", args=[o.report.pk]),
        COORDINATOR,
        method="post",
    ),
    Case(
        "reports:report_unpublish",
        lambda o: reverse("reports:report_unpublish", args=[o.published.pk]),
        POST_ONLY,
    ),
    Case(
        "reports:report_unpublish",
        lambda o: reverse("reports:report_unpublish", args=[o.published.pk]),
        COORDINATOR,
        method="post",
    ),
    Case("reports:open_data", lambda o: reverse("reports:open_data"), public()),
    Case("reports:open_data_download", lambda o: reverse("reports:open_data_download"), public()),
    Case(
        "reports:report_detail",
        lambda o: reverse("reports:report_detail", args=[999999]),
        {
            **dict.fromkeys(ROLES, 403),
            "evaluator": 404,
            "coordinator": 404,
            "admin": 404,
            "anonymous": LOGIN,
        },
    ),
]


@pytest.fixture
def objects(db, monkeypatch):
    from reports import rendering

    def refuse(html):  # a retry in the matrix must not render for real
        raise RuntimeError("not in the permission matrix")

    monkeypatch.setattr(rendering, "html_to_pdf", refuse)
    initiative = InitiativeFactory(step="proposal")
    return SimpleNamespace(
        report=stored_report(initiative, tmp_name="private"),
        published=stored_report(initiative, published=True, tmp_name="public"),
        failed=stored_report(initiative, status="failed", tmp_name="failed"),
    )


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, role, client_for, objects):
    check_case(case, role, client_for, objects)
