from django.db import models
from django.utils.translation import gettext_lazy as _


class Earmark(models.TextChoices):
    """What a grant's money may be used for."""

    NONE = "none", _("Not earmarked")
    FOCUS_AREA = "focus_area", _("A focus area")
    INITIATIVE = "initiative", _("An initiative")


class EntryKind(models.TextChoices):
    """The kinds of money movement in the fund's ledger."""

    PLEDGE = "pledge", _("Pledge")
    RECEIPT = "receipt", _("Receipt")
    ALLOCATION = "allocation", _("Allocation to an initiative")
    DISBURSEMENT = "disbursement", _("Disbursement to the lead organisation")
    RETURN = "return", _("Return of unused money")


# Kinds that move money between the pool and an initiative, and so name one.
INITIATIVE_KINDS = (EntryKind.ALLOCATION, EntryKind.DISBURSEMENT, EntryKind.RETURN)
# Kinds a treasurer books by hand; a pledge is booked when its grant is registered.
BOOKABLE_KINDS = (
    EntryKind.RECEIPT,
    EntryKind.ALLOCATION,
    EntryKind.DISBURSEMENT,
    EntryKind.RETURN,
)
