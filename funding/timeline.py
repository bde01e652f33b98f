"""How the fund's public events read on the timeline and in the newsletter: money allocated to
an initiative."""

from decimal import Decimal

from django.utils.translation import gettext as _

from actors.events import Told, in_language
from actors.formats import sek
from actors.links import object_url

from .choices import FundingEvent


def allocated(event) -> Told:
    return Told(
        in_language(event, "title"),
        object_url("initiatives:initiative_detail", event.subject_id),
        _("%(amount)s SEK allocated from the pooled fund.")
        % {"amount": sek(Decimal(event.data["amount"]))},
    )


TELLERS = {FundingEvent.ALLOCATED: allocated}
