from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Data rights")

    def ready(self):
        from actors import events

        from .choices import PrivacyEvent

        events.register(PrivacyEvent)
