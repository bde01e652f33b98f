from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        # The process asks the fund, not a treasurer's word, whether an initiative is funded.
        from initiatives.process import register_funding_check

        from .rules import funding_gap

        register_funding_check(funding_gap)
