from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FocusgroupsConfig(AppConfig):
    name = "focusgroups"
    verbose_name = _("Focus groups and residents' voice")

    def ready(self):
        from actors import events

        from . import timeline
        from .choices import FocusGroupEvent

        events.register(FocusGroupEvent, timeline.TELLERS)
