from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Actors")

    def ready(self):
        from django.conf import settings
        from django.conf.locale import LANG_INFO
        from django.db import connections

        LANG_INFO.update(settings.EXTRA_LANG_INFO)

        from . import events
        from .choices import ActorsEvent
        from .pagecache import connect_invalidation
        from .signals import remember_language_at_login

        events.register(ActorsEvent)
        connect_invalidation()
        remember_language_at_login()
        if any(connections[alias].vendor == "sqlite" for alias in connections):
            from .sqlite import bind_out_of_range_integers_as_numbers

            bind_out_of_range_integers_as_numbers()
