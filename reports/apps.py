import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _not_a_repeated_chart_anchor(record: logging.LogRecord) -> bool:
    # The prioritisation matrix, drawn once per round, names its SVG title with a fixed id; in a
    # PDF only the sections' ids are link targets, so the repetition is harmless.
    return not record.getMessage().startswith("Anchor defined twice: 'matrix-title'")


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from actors import events

        from . import timeline
        from .choices import ReportEvent

        events.register(ReportEvent, timeline.TELLERS)
        # WeasyPrint logs every step of every page at INFO, the level the portal logs at.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        logging.getLogger("weasyprint").addFilter(_not_a_repeated_chart_anchor)
