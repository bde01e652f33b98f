import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # WeasyPrint logs every step of every page at INFO, the level the portal logs at.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
