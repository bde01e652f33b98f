from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from actors import events, setup

        from . import setup as meetings_setup
        from . import timeline
        from .choices import WorkshopEvent

        events.register(WorkshopEvent, timeline.TELLERS)
        setup.register(meetings_setup.SECTION)
