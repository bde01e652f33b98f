from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        # The initiative's page belongs to a lower floor than the money and reports it shows.
        from initiatives.sections import register

        from . import sections

        register(funding=sections.initiative_funding, results=sections.initiative_results)
