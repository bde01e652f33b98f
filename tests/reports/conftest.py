"""Fixtures of the reports tests: the demo collaboration, and reports already made."""

import pytest
from django.conf import settings

from actors.models import User
from initiatives.models import Initiative
from portal.demo import STORY
from reports import demo as reports_demo
from reports.choices import ReportKind, ReportStatus
from reports.models import ReportRequest

PDF_BYTES = b"%PDF-1.7\n% a stand-in for a rendered report\n%%EOF\n"


def load_demo() -> User:
    """Load the demo collaboration of seed_demo (one year), without the reports app's own demo,
    and return its coordinator."""
    for step in STORY:
        if step is not reports_demo.load:
            step(scale=1)
    return User.objects.filter(role_assignments__role="coordinator").first()


@pytest.fixture
def demo(db):
    """The demo collaboration of seed_demo (one year), without the reports app's own demo."""
    return load_demo()


@pytest.fixture
def completed(demo):
    """A completed, evaluated initiative of the demo."""
    return (
        Initiative.objects.filter(step="completed", evaluation__isnull=False).order_by("pk").first()
    )


def stored_report(initiative, *, published=False, status=ReportStatus.READY, tmp_name="r1"):
    """A ready report whose file is a small stand-in, for tests that do not render."""
    name = f"reports/test/{tmp_name}.pdf"
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PDF_BYTES)
    package = name.replace(".pdf", ".zip")
    (settings.MEDIA_ROOT / package).write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    return ReportRequest.objects.create(
        kind=ReportKind.INITIATIVE,
        initiative=initiative,
        language="sv",
        status=status,
        file=name if status == ReportStatus.READY else "",
        package=package if status == ReportStatus.READY else "",
        pages=3,
        data_version="x" * 64,
        published=published,
    )
