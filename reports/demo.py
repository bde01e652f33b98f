"""Demo data: one completed initiative's evaluation report, rendered and published in Swedish
and English, so a visitor finds a real PDF on that initiative's public page.

Idempotent: a report already published from the same data is left as it is.

seed_demo runs this last, once initiatives have been moved on past funding and completed; the
report is dated a few days after the completion.
"""

import datetime

from actors.events import as_of
from actors.models import User
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative

from . import services
from .choices import ReportKind, ReportLanguage


def load(*, scale: int = 1) -> None:
    initiative = (
        Initiative.objects.filter(step=InitiativeStep.COMPLETED, evaluation__isnull=False)
        .order_by("pk")
        .first()
    )
    coordinator = User.objects.filter(role_assignments__role="coordinator").order_by("pk").first()
    if initiative is None or coordinator is None:
        return
    completed = initiative.log.filter(to_step=InitiativeStep.COMPLETED).latest("at").at
    with as_of(completed + datetime.timedelta(days=5)):
        _publish(initiative, coordinator)


def _publish(initiative, coordinator) -> None:
    for language in ReportLanguage.values:
        report = services.report_request(
            kind=ReportKind.INITIATIVE,
            initiative=initiative,
            language=language,
            actor=coordinator,
            queue=False,
        )
        if not report.is_ready:
            report = services.report_render(report_id=report.pk)
        if report.is_ready and not report.published:
            services.report_publish(report=report, actor=coordinator)
