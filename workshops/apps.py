from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from actors import events

        from . import timeline
        from .choices import WorkshopEvent

        events.register(WorkshopEvent, timeline.TELLERS)
