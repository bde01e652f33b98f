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


class RequestStatus(models.TextChoices):
    """Where a lead organisation's request for money from the fund stands."""

    OPEN = "open", _("Waiting for an answer")
    GRANTED = "granted", _("Granted by the fund")
    DECLINED = "declined", _("Declined by the fund")


class FundingEvent(models.TextChoices):
    """What the funding app records in the event stream: one event per booking, of the kind of
    money movement it books."""

    FUNDER_ADDED = "funding.funder_added", _("Funder added")
    GRANT_REGISTERED = "funding.grant_registered", _("Grant registered and its pledge booked")
    GRANT_CHANGED = "funding.grant_changed", _("Grant changed")
    DUTY_ADDED = "funding.duty_added", _("Reporting duty added")
    DUTY_DONE = "funding.duty_done", _("Report sent to a funder")
    RECEIVED = "funding.received", _("Money received")
    ALLOCATED = "funding.allocated", _("Money allocated to an initiative")
    DISBURSED = "funding.disbursed", _("Money paid out to a lead organisation")
    RETURNED = "funding.returned", _("Money returned to the fund")
    REVERSED = "funding.reversed", _("Ledger entry reversed")
    ALLOCATION_REQUESTED = "funding.allocation_requested", _("Allocation asked for")
    REQUEST_GRANTED = "funding.request_granted", _("Allocation request granted")
    REQUEST_DECLINED = "funding.request_declined", _("Allocation request declined")


BOOKED = {
    EntryKind.RECEIPT: FundingEvent.RECEIVED,
    EntryKind.ALLOCATION: FundingEvent.ALLOCATED,
    EntryKind.DISBURSEMENT: FundingEvent.DISBURSED,
    EntryKind.RETURN: FundingEvent.RETURNED,
}
