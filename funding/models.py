"""The pooled fund of the collaboration's non-profit association.

Funders (organisations) give grants; every movement of money is one row of an append-only
ledger (`LedgerEntry`): pledges, receipts, allocations to initiatives, disbursements to their lead
organisations and returns of unused money. A mistake is corrected by a reversing entry that
points at the original; nothing is ever updated or deleted. Balances are always sums of the
ledger (see `selectors.py`), never stored.

A lead organisation asks the fund for money with an `AllocationRequest`; a treasurer grants it,
which books an allocation in the ledger, or declines it with a reason.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actors.appendonly import AppendOnly, AppendOnlyError
from actors.fields import NOTE, TEXT, BoundedTextField, LabelField
from actors.i18n import Translated, TranslationsField, swedish_label, swedish_text
from actors.models import Organisation

from .choices import INITIATIVE_KINDS, Earmark, EntryKind, RequestStatus

CENT = Decimal("0.01")
AMOUNT = {
    "max_digits": 12,
    "decimal_places": 2,
    "validators": [MinValueValidator(CENT)],
}


class LedgerIsAppendOnly(AppendOnlyError):
    """Raised when code tries to change or delete a booked ledger entry."""


class Funder(models.Model):
    """An organisation that gives money to the pooled fund."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="funder",
    )
    notes = BoundedTextField(_("internal notes"), max_length=NOTE, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")

    def __str__(self):
        return self.organisation.name

    def get_absolute_url(self):
        return reverse("funding:funder_detail", args=[self.pk])


class Grant(models.Model):
    """Money a funder gives for a period, perhaps earmarked for a focus area or an initiative."""

    funder = models.ForeignKey(
        Funder, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="grants"
    )
    title_sv = swedish_label(_("Title"), 200)
    amount = models.DecimalField(_("amount (SEK)"), **AMOUNT)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    earmark = models.CharField(
        _("earmark"), max_length=20, choices=Earmark.choices, default=Earmark.NONE
    )
    focus_area = models.ForeignKey(
        "prioritization.FocusArea",
        verbose_name=_("earmarked for the focus area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("earmarked for the initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    conditions_sv = swedish_text(_("Conditions"), max_length=TEXT)
    notes = BoundedTextField(_("internal notes"), max_length=NOTE, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    translations = TranslationsField()
    title = Translated()
    conditions = Translated()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grant_amount_positive"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="grant_period_in_order"
            ),
            models.CheckConstraint(
                condition=(
                    Q(earmark=Earmark.NONE, focus_area__isnull=True, initiative__isnull=True)
                    | Q(
                        earmark=Earmark.FOCUS_AREA,
                        focus_area__isnull=False,
                        initiative__isnull=True,
                    )
                    | Q(
                        earmark=Earmark.INITIATIVE,
                        focus_area__isnull=True,
                        initiative__isnull=False,
                    )
                ),
                name="grant_earmark_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.funder} – {self.title}"

    def get_absolute_url(self):
        return reverse("funding:grant_detail", args=[self.pk])

    @property
    def earmark_label(self) -> str:
        if self.earmark == Earmark.FOCUS_AREA:
            return str(self.focus_area)
        if self.earmark == Earmark.INITIATIVE:
            return str(self.initiative)
        return str(Earmark.NONE.label)

    def may_fund(self, initiative) -> bool:
        """Earmarked money only goes where it is earmarked."""
        if self.earmark == Earmark.FOCUS_AREA:
            return initiative.focus_area_id == self.focus_area_id
        if self.earmark == Earmark.INITIATIVE:
            return initiative.pk == self.initiative_id
        return True


class ReportingDuty(models.Model):
    """A report the association owes a funder under a grant, and by when."""

    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="duties"
    )
    description = LabelField(_("what is to be reported"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("reported on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("reporting duty")
        verbose_name_plural = _("reporting duties")

    def __str__(self):
        return f"{self.description} ({self.due_on})"


class LedgerEntry(AppendOnly):
    """One movement of money, booked once and never changed.

    `amount` is always positive. A reversal copies the kind, grant, initiative and amount of the
    entry it reverses and counts with the opposite sign. A return releases money from an
    initiative back to the pool; `paid_back` is the part of it the lead organisation paid back
    from what had been disbursed (worked out when the return is booked).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    grant = models.ForeignKey(
        Grant, verbose_name=_("grant"), on_delete=models.PROTECT, related_name="entries"
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    amount = models.DecimalField(_("amount (SEK)"), **AMOUNT)
    paid_back = models.DecimalField(
        _("paid back from disbursed money (SEK)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
    )
    booked_on = models.DateField(_("booked on"))
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    note = BoundedTextField(_("internal note"), max_length=NOTE, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("booked at"), auto_now_add=True)

    # The money, dates and notes never change; who booked is forgotten with their account.
    forgettable = "created_by"
    advice = "Book a reversal instead."
    error = LedgerIsAppendOnly

    class Meta:
        ordering = ["-booked_on", "-pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="entry_amount_positive"),
            models.CheckConstraint(
                condition=Q(paid_back__gte=0) & Q(paid_back__lte=F("amount")),
                name="entry_paid_back_within_amount",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=INITIATIVE_KINDS, initiative__isnull=False)
                    | (~Q(kind__in=INITIATIVE_KINDS) & Q(initiative__isnull=True))
                ),
                name="entry_initiative_when_needed",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "booked_on"]),
            models.Index(fields=["-booked_on", "-id"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} ({self.booked_on})"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def signed_amount(self) -> Decimal:
        return -self.amount if self.is_reversal else self.amount


class AllocationRequest(models.Model):
    """A lead organisation's request for money from the fund for its initiative, and the
    treasurer's answer: the allocation booked when granted, the reason when declined.

    An initiative has at most one open request at a time (a constraint, beside the service's
    check). `grant` is the grant, and so the budget period and purpose, the organisation hopes
    the money comes from; the treasurer may book it from another.
    """

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="allocation_requests",
    )
    amount = models.DecimalField(_("amount asked for (SEK)"), **AMOUNT)
    justification = BoundedTextField(_("what the money is for"), max_length=NOTE)
    grant = models.ForeignKey(
        Grant,
        verbose_name=_("from the grant (budget period and purpose)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("asked at"), auto_now_add=True)
    entry = models.OneToOneField(
        LedgerEntry,
        verbose_name=_("allocation booked"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="request",
    )
    reason = BoundedTextField(_("why it was declined"), max_length=NOTE, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("allocation request")
        verbose_name_plural = _("allocation requests")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="request_amount_positive"),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(status=RequestStatus.OPEN),
                name="one_open_request_per_initiative",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=RequestStatus.OPEN, entry__isnull=True, answered_at__isnull=True)
                    | Q(status=RequestStatus.GRANTED, entry__isnull=False)
                    | (Q(status=RequestStatus.DECLINED, entry__isnull=True) & ~Q(reason=""))
                ),
                name="request_answer_consistent",
            ),
        ]
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self):
        return f"{self.initiative} – {self.amount}"

    def get_absolute_url(self):
        return reverse("funding:request_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN
