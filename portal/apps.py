from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        from initiatives.sections import register

        from . import sections

        register(funding=sections.initiative_funding, results=sections.initiative_results)
