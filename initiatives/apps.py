from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from actors import events, setup

        from . import setup as process_setup
        from . import timeline
        from .choices import InitiativeEvent

        events.register(InitiativeEvent, timeline.TELLERS)
        setup.register(process_setup.SECTION)
