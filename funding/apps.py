from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        # The initiatives ask the fund, not a treasurer's word, whether an initiative is funded
        # and how much it already holds.
        from actors import events
        from initiatives.allocations import register_allocated
        from initiatives.process import register_funding_check

        from . import timeline
        from .choices import FundingEvent
        from .rules import allocated, funding_gap

        register_allocated(allocated)
        register_funding_check(funding_gap)
        events.register(FundingEvent, timeline.TELLERS)
