from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrioritizationConfig(AppConfig):
    name = "prioritization"
    verbose_name = _("Prioritisation")

    def ready(self):
        from actors import events

        from . import timeline
        from .choices import PrioritisationEvent

        events.register(PrioritisationEvent, timeline.TELLERS)
