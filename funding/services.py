"""Writes for the fund: funders, grants, reporting duties, and booking money in the ledger.

Every booking locks what it draws on (the initiative's row, then the grant's row, always in that
order) before it reads the balances and checks the rules, so two treasurers booking at the same
moment are served one after the other and can never overdraw a grant or an initiative. Each
action records its event: an allocation to a public initiative is public, told on the timeline.

A lead organisation asks for money with an allocation request. Answering one locks the initiative
and then the request, so of two answers given at the same moment the second finds it answered
and changes nothing.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.events import event_record, excerpt
from actors.formats import sek
from actors.i18n import in_every_language
from actors.permissions import is_member_of
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative, step_name

from .balances import Balance, sums
from .choices import (
    BOOKABLE_KINDS,
    BOOKED,
    INITIATIVE_KINDS,
    EntryKind,
    FundingEvent,
    RequestStatus,
)
from .models import CENT, AllocationRequest, Funder, Grant, LedgerEntry, ReportingDuty
from .rules import allocation_refusal, grants_for

MAX_AMOUNT = Decimal("9999999999.99")


class FundingError(ValidationError):
    """A booking the fund's rules refuse; the message says why. Nothing was saved."""


def clean_amount(amount) -> Decimal:
    """An amount in SEK: more than zero, whole öre (at most two decimals)."""
    try:
        amount = Decimal(str(amount))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise FundingError(_("Write the amount as a number of kronor.")) from exc
    if not amount.is_finite() or amount <= 0:
        raise FundingError(_("The amount must be more than zero."))
    # Checked before rounding: a number as large as 1e400 cannot be rounded to öre.
    if amount > MAX_AMOUNT:
        raise FundingError(_("The amount is too large."))
    if amount != amount.quantize(CENT):
        raise FundingError(_("The amount can have at most two decimals (whole öre)."))
    return amount.quantize(CENT)


def _grant_balance(grant: Grant) -> Balance:
    return Balance.of(LedgerEntry.objects.filter(grant=grant).aggregate(**sums()))


def _pair_balance(grant: Grant, initiative: Initiative) -> Balance:
    """What one initiative holds from one grant."""
    return Balance.of(
        LedgerEntry.objects.filter(grant=grant, initiative=initiative).aggregate(**sums())
    )


def _initiative_balance(initiative: Initiative) -> Balance:
    return Balance.of(LedgerEntry.objects.filter(initiative=initiative).aggregate(**sums()))


def _check_earmark(grant: Grant, initiative: Initiative) -> None:
    if not grant.may_fund(initiative):
        raise FundingError(
            _("This grant is earmarked for “%(earmark)s”: its money cannot go to “%(name)s”.")
            % {"earmark": grant.earmark_label, "name": initiative.title}
        )


def _check_within_budget(initiative: Initiative, amount: Decimal) -> None:
    """Allocations never go beyond the initiative's budget."""
    uncovered = initiative.budget - _initiative_balance(initiative).allocated
    if amount > uncovered:
        raise FundingError(
            _("That is more than the initiative's budget: %(left)s SEK of it is not covered yet.")
            % {"left": sek(max(uncovered, Decimal(0)))}
        )


def _lock(grant: Grant, initiative: Initiative | None) -> tuple[Grant, Initiative | None]:
    """Lock the initiative, then the grant: one order everywhere, so no deadlock."""
    if initiative is not None:
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    grant = (
        Grant.objects.select_for_update().select_related("funder__organisation").get(pk=grant.pk)
    )
    return grant, initiative


def _booked(kind: str, entry: LedgerEntry, actor) -> LedgerEntry:
    """The event of a booking, about the initiative the money goes to or comes from, else the
    grant; public for money allocated to an initiative residents may read about."""
    about = entry.initiative or entry.grant
    event_record(
        kind=kind,
        subject=about,
        actor=actor,
        data={
            **in_every_language(about, "title"),
            "entry": entry.pk,
            "grant": entry.grant_id,
            "initiative": entry.initiative_id,
            "amount": entry.amount,
            "paid_back": entry.paid_back,
            "booked_on": entry.booked_on,
            "reverses": entry.reverses_id,
        },
        public=kind == FundingEvent.ALLOCATED and entry.initiative.is_public,
    )
    return entry


def _grant_event(kind: str, grant: Grant, actor) -> None:
    event_record(
        kind=kind,
        subject=grant,
        actor=actor,
        data={
            **in_every_language(grant, "title"),
            "funder": grant.funder_id,
            "amount": grant.amount,
        },
        public=False,
    )


def _duty_event(kind: str, duty: ReportingDuty, actor) -> None:
    event_record(
        kind=kind,
        subject=duty,
        actor=actor,
        data={
            "grant": duty.grant_id,
            "description": duty.description,
            "due_on": duty.due_on,
            "done_on": duty.done_on,
        },
        public=False,
    )


@transaction.atomic
def funder_create(*, organisation, notes: str = "", actor) -> Funder:
    """Register an organisation as a funder of the pool."""
    if Funder.objects.filter(organisation=organisation).exists():
        raise FundingError(_("%(name)s is already a funder.") % {"name": organisation.name})
    funder = Funder.objects.create(organisation=organisation, notes=notes)
    event_record(
        kind=FundingEvent.FUNDER_ADDED,
        subject=funder,
        actor=actor,
        data={"organisation": organisation.pk, "name": organisation.name},
        public=False,
    )
    return funder


@transaction.atomic
def grant_register(*, grant: Grant, pledged_on: datetime.date | None = None, actor) -> Grant:
    """Register a new (unsaved) grant and book its pledge in the ledger."""
    if grant.pk is not None:
        raise FundingError(_("This grant is already registered."))
    grant.amount = clean_amount(grant.amount)
    grant.created_by = actor
    try:
        grant.full_clean()
    except ValidationError as error:
        raise FundingError(error.messages) from error
    grant.save()
    LedgerEntry.objects.create(
        kind=EntryKind.PLEDGE,
        grant=grant,
        amount=grant.amount,
        booked_on=pledged_on or timezone.localdate(),
        created_by=actor,
    )
    _grant_event(FundingEvent.GRANT_REGISTERED, grant, actor)
    return grant


# What may change once a grant is registered: its texts and its period. The amount and the
# earmark are in the ledger; a mistake there is corrected by a reversal.
GRANT_CHANGEABLE = (
    "title_sv",
    "starts_on",
    "ends_on",
    "conditions_sv",
    "notes",
)


@transaction.atomic
def grant_update(*, grant: Grant, data: dict, actor) -> Grant:
    """Change a registered grant's texts and period: `data` holds GRANT_CHANGEABLE fields by
    name, and nothing else."""
    if unknown := data.keys() - set(GRANT_CHANGEABLE):
        raise ValueError(f"A registered grant's {sorted(unknown)} change through the ledger.")
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    for name, value in data.items():
        setattr(grant, name, value)
    grant.save()
    _grant_event(FundingEvent.GRANT_CHANGED, grant, actor)
    return grant


@transaction.atomic
def duty_add(*, grant: Grant, description: str, due_on: datetime.date, actor) -> ReportingDuty:
    """Add a report the association owes the funder under a grant."""
    duty = ReportingDuty.objects.create(grant=grant, description=description, due_on=due_on)
    _duty_event(FundingEvent.DUTY_ADDED, duty, actor)
    return duty


@transaction.atomic
def duty_mark_done(*, duty: ReportingDuty, actor, done_on: datetime.date | None = None):
    """Record that a report was sent to the funder."""
    locked = ReportingDuty.objects.select_for_update().get(pk=duty.pk)
    if locked.done_on is not None:
        raise FundingError(_("This report was already marked as sent."))
    locked.done_on = done_on or timezone.localdate()
    locked.done_by = actor
    locked.save(update_fields=["done_on", "done_by"])
    _duty_event(FundingEvent.DUTY_DONE, locked, actor)
    return locked


@transaction.atomic
def entry_book(
    *,
    kind: str,
    grant: Grant,
    amount,
    actor,
    initiative: Initiative | None = None,
    booked_on: datetime.date | None = None,
    note: str = "",
) -> LedgerEntry:
    """Book a receipt, an allocation, a disbursement or a return, after checking the rules."""
    if kind not in BOOKABLE_KINDS:
        raise FundingError(_("A pledge is booked by registering a grant."))
    amount = clean_amount(amount)
    if kind in INITIATIVE_KINDS and initiative is None:
        raise FundingError(_("Choose the initiative the money goes to or comes from."))
    if kind not in INITIATIVE_KINDS:
        initiative = None
    grant, initiative = _lock(grant, initiative)
    paid_back = Decimal(0)

    if kind == EntryKind.RECEIPT:
        balance = _grant_balance(grant)
        if amount > balance.outstanding:
            raise FundingError(
                _(
                    "The receipt is more than what is still pledged on this grant "
                    "(%(left)s SEK). Register the larger pledge first."
                )
                % {"left": sek(balance.outstanding)}
            )
    elif kind == EntryKind.ALLOCATION:
        refusal = allocation_refusal(initiative)
        if refusal:
            raise FundingError(refusal)
        _check_earmark(grant, initiative)
        balance = _grant_balance(grant)
        if amount > balance.available:
            raise FundingError(
                _(
                    "Only %(available)s SEK of this grant is available (received and not "
                    "allocated). Nothing was booked."
                )
                % {"available": sek(balance.available)}
            )
        _check_within_budget(initiative, amount)
    elif kind == EntryKind.DISBURSEMENT:
        pair = _pair_balance(grant, initiative)
        if amount > pair.undisbursed:
            raise FundingError(
                _(
                    "Only %(left)s SEK allocated from this grant to the initiative has not been "
                    "disbursed yet: no disbursement beyond what was allocated."
                )
                % {"left": sek(pair.undisbursed)}
            )
    elif kind == EntryKind.RETURN:
        pair = _pair_balance(grant, initiative)
        if amount > pair.allocated:
            raise FundingError(
                _("The initiative holds only %(held)s SEK from this grant.")
                % {"held": sek(pair.allocated)}
            )
        # Undisbursed money is released first; the rest is paid back by the lead organisation.
        paid_back = max(amount - pair.undisbursed, Decimal(0))

    entry = LedgerEntry.objects.create(
        kind=kind,
        grant=grant,
        initiative=initiative,
        amount=amount,
        paid_back=paid_back,
        booked_on=booked_on or timezone.localdate(),
        note=note,
        created_by=actor,
    )
    return _booked(BOOKED[kind], entry, actor)


@transaction.atomic
def entry_reverse(
    *, entry: LedgerEntry, actor, note: str, booked_on: datetime.date | None = None
) -> LedgerEntry:
    """Correct a mistake: book an entry that cancels `entry`, which stays in the ledger."""
    note = (note or "").strip()
    if not note:
        raise FundingError(_("Say why the entry is reversed."))
    if entry.is_reversal:
        raise FundingError(
            _("A reversal cannot itself be reversed: book the original entry again instead.")
        )
    grant, initiative = _lock(entry.grant, entry.initiative)
    entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise FundingError(_("This entry has already been reversed."))

    after = _without(_grant_balance(grant), entry)
    if after.received > after.pledged:
        raise FundingError(
            _("Reversing it would leave more received than pledged on the grant.")
            + " "
            + _("Reverse the later entries first.")
        )
    if after.allocated > after.received:
        raise FundingError(
            _("Reversing it would leave more allocated than received on the grant.")
            + " "
            + _("Reverse the later entries first.")
        )
    if initiative is not None:
        pair = _without(_pair_balance(grant, initiative), entry)
        if pair.disbursed > pair.allocated or pair.disbursed < 0:
            raise FundingError(
                _("Reversing it would leave more disbursed than allocated to the initiative.")
                + " "
                + _("Reverse the later entries first.")
            )
    reversal = LedgerEntry.objects.create(
        kind=entry.kind,
        grant=grant,
        initiative=initiative,
        amount=entry.amount,
        paid_back=entry.paid_back,
        booked_on=booked_on or timezone.localdate(),
        reverses=entry,
        note=note,
        created_by=actor,
    )
    return _booked(FundingEvent.REVERSED, reversal, actor)


def _without(balance: Balance, entry: LedgerEntry) -> Balance:
    """The balance as it would be once `entry` is cancelled."""
    amount, paid_back = entry.amount, entry.paid_back
    changes = {
        EntryKind.PLEDGE: {"pledged": balance.pledged - amount},
        EntryKind.RECEIPT: {"received": balance.received - amount},
        EntryKind.ALLOCATION: {"allocated": balance.allocated - amount},
        EntryKind.DISBURSEMENT: {"disbursed": balance.disbursed - amount},
        EntryKind.RETURN: {
            "allocated": balance.allocated + amount,
            "disbursed": balance.disbursed + paid_back,
            "returned": balance.returned - amount,
        },
    }[entry.kind]
    return Balance(**{**balance.__dict__, **changes})


def _request_event(kind: str, request: AllocationRequest, actor) -> None:
    """The event of a request or its answer: what the treasurer and the lead organisation are
    told, read from the event alone."""
    initiative = request.initiative
    event_record(
        kind=kind,
        subject=request,
        actor=actor,
        data={
            **in_every_language(initiative, "title"),
            "initiative": initiative.pk,
            "lead_organisation": initiative.lead_organisation_id,
            "organisation": initiative.lead_organisation.name,
            "amount": request.amount,
            "justification": excerpt(request.justification),
            "grant": request.grant_id,
            "status": request.status,
            "granted": request.entry.amount if request.entry else None,
            "entry": request.entry_id,
            "reason": request.reason,
        },
        public=False,
    )


def _fund_holds_for(initiative: Initiative, grant: Grant | None) -> Decimal:
    """What the fund has received and not allocated, in the grants whose money may go to the
    initiative (or in the one grant named)."""
    entries = LedgerEntry.objects.filter(grants_for(initiative, prefix="grant__"))
    if grant is not None:
        entries = entries.filter(grant=grant)
    return Balance.of(entries.aggregate(**sums())).available


@transaction.atomic
def allocation_request_make(
    *, initiative: Initiative, amount, justification: str, actor, grant: Grant | None = None
) -> AllocationRequest:
    """A lead organisation asks the fund for money for its initiative waiting at the funding
    step: no more than the budget leaves uncovered, nor than the fund holds for it, and one
    request at a time."""
    amount = clean_amount(amount)
    justification = (justification or "").strip()
    if not justification:
        raise FundingError(_("Say what the money is for."))
    initiative = (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("lead_organisation")
        .get(pk=initiative.pk)
    )
    if not is_member_of(actor, initiative.lead_organisation_id):
        raise FundingError(
            _("Only the people of %(organisation)s, which leads “%(name)s”, ask for its money.")
            % {"organisation": initiative.lead_organisation.name, "name": initiative.title}
        )
    if initiative.step != InitiativeStep.FUNDING:
        raise FundingError(
            _("Money is asked for at the step “%(funding)s”; “%(name)s” is at “%(step)s”.")
            % {
                "funding": step_name(InitiativeStep.FUNDING),
                "name": initiative.title,
                "step": initiative.step_name,
            }
        )
    if initiative.allocation_requests.filter(status=RequestStatus.OPEN).exists():
        raise FundingError(
            _("“%(name)s” already has a request waiting for an answer.")
            % {"name": initiative.title}
        )
    if grant is not None:
        _check_earmark(grant, initiative)
    _check_within_budget(initiative, amount)
    holds = _fund_holds_for(initiative, grant)
    if amount > holds:
        raise FundingError(
            _("The fund holds only %(available)s SEK that may go to this initiative.")
            % {"available": sek(max(holds, Decimal(0)))}
        )
    request = AllocationRequest.objects.create(
        initiative=initiative,
        amount=amount,
        justification=justification,
        grant=grant,
        requested_by=actor,
    )
    _request_event(FundingEvent.ALLOCATION_REQUESTED, request, actor)
    return request


def _lock_open(request: AllocationRequest) -> AllocationRequest:
    """Lock the initiative, then the request (the order every booking keeps), and check that
    nobody has answered it yet."""
    Initiative.objects.select_for_update().get(pk=request.initiative_id)
    request = (
        AllocationRequest.objects.select_for_update(of=("self",))
        .select_related("initiative__lead_organisation")
        .get(pk=request.pk)
    )
    if not request.is_open:
        raise FundingError(
            _("This request has already been answered: %(status)s.")
            % {"status": request.get_status_display().lower()}
        )
    return request


@transaction.atomic
def allocation_request_grant(
    *,
    request: AllocationRequest,
    grant: Grant,
    amount,
    actor,
    booked_on: datetime.date | None = None,
    note: str = "",
) -> AllocationRequest:
    """Grant a request: book the allocation (`amount` may differ from what was asked for) by the
    ledger's rules, and tell the lead organisation."""
    request = _lock_open(request)
    request.entry = entry_book(
        kind=EntryKind.ALLOCATION,
        grant=grant,
        amount=amount,
        initiative=request.initiative,
        booked_on=booked_on,
        note=note,
        actor=actor,
    )
    return _answered(request, RequestStatus.GRANTED, FundingEvent.REQUEST_GRANTED, actor)


@transaction.atomic
def allocation_request_decline(
    *, request: AllocationRequest, reason: str, actor
) -> AllocationRequest:
    """Decline a request, saying why: the lead organisation is told the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise FundingError(_("Say why the request is declined."))
    request = _lock_open(request)
    request.reason = reason
    return _answered(request, RequestStatus.DECLINED, FundingEvent.REQUEST_DECLINED, actor)


def _answered(request: AllocationRequest, status: str, kind: str, actor) -> AllocationRequest:
    request.status = status
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "entry", "reason", "answered_by", "answered_at"])
    _request_event(kind, request, actor)
    return request
