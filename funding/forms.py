from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.fields import NOTE
from actors.models import Organisation
from initiatives.choices import InitiativeStep
from initiatives.models import Initiative

from . import services
from .balances import Balance, sums
from .choices import BOOKABLE_KINDS, INITIATIVE_KINDS, Earmark, EntryKind
from .models import Funder, Grant, ReportingDuty
from .permissions import initiatives_to_ask_for
from .rules import bookable_kinds
from .selectors import grants_for_initiative, grants_with_balances

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _initiatives():
    """Initiatives money can be booked for: every one past the draft stage."""
    return (
        Initiative.objects.exclude(step=InitiativeStep.NEEDS)
        .select_related("focus_area")
        .order_by("title_sv")
    )


class AmountField(forms.DecimalField):
    """SEK, typed the Swedish way or the English way; the fund's own rules give the messages."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Amount (SEK)"))
        super().__init__(localize=True, **kwargs)

    def to_python(self, value):
        # "50 000" and "50 000,50" are how amounts are written in Swedish.
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u202f", "")
        return super().to_python(value)

    def clean(self, value):
        value = super().clean(value)
        if value is None:
            return value
        try:
            return services.clean_amount(value)
        except services.FundingError as error:
            raise forms.ValidationError(error.messages) from error


class FunderForm(forms.ModelForm):
    class Meta:
        model = Funder
        fields = ["organisation", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(funder__isnull=True)
        self.fields["organisation"].help_text = _(
            "Add the organisation under Actors first if it is not in the list."
        )


class GrantForm(forms.ModelForm):
    amount = AmountField()
    pledged_on = forms.DateField(
        label=_("Pledged on"), widget=DATE, help_text=_("The pledge is booked on this date.")
    )

    class Meta:
        model = Grant
        fields = [
            "funder",
            "title_sv",
            "amount",
            "starts_on",
            "ends_on",
            "earmark",
            "focus_area",
            "initiative",
            "conditions_sv",
            "notes",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "conditions_sv": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Funder.objects.select_related("organisation")
        self.fields["initiative"].queryset = _initiatives().exclude(
            step__in=[InitiativeStep.COMPLETED, InitiativeStep.REJECTED, InitiativeStep.WITHDRAWN]
        )
        self.fields["pledged_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        earmark = data.get("earmark")
        if earmark == Earmark.FOCUS_AREA and not data.get("focus_area"):
            self.add_error("focus_area", _("Choose the focus area the grant is earmarked for."))
        if earmark == Earmark.INITIATIVE and not data.get("initiative"):
            self.add_error("initiative", _("Choose the initiative the grant is earmarked for."))
        if earmark != Earmark.FOCUS_AREA:
            data["focus_area"] = None
        if earmark != Earmark.INITIATIVE:
            data["initiative"] = None
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        return data

    def _post_clean(self):
        # The earmark fields not chosen are emptied before the model is checked.
        for name in ("focus_area", "initiative"):
            if name in self.cleaned_data and self.cleaned_data[name] is None:
                setattr(self.instance, name, None)
        super()._post_clean()


class GrantEditForm(forms.ModelForm):
    """What may change once a grant is registered (services.GRANT_CHANGEABLE)."""

    class Meta:
        model = Grant
        fields = list(services.GRANT_CHANGEABLE)
        widgets = GrantForm.Meta.widgets

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        return data


class DutyForm(forms.ModelForm):
    class Meta:
        model = ReportingDuty
        fields = ["description", "due_on"]
        widgets = {"due_on": DATE}


class GrantChoiceField(forms.ModelChoiceField):
    """Grants named with what is still available of them, so the treasurer sees where money is;
    the amount comes first, where a narrow screen does not cut it off."""

    def label_from_instance(self, grant):
        available = Balance.of(grant).available
        return _("%(amount)s SEK available: %(grant)s") % {
            "grant": grant,
            "amount": services.sek(available),
        }


class KindsSelect(forms.Select):
    """A select whose options name, in `data-kinds`, the kinds of entry each may be booked for;
    funding/entry-form.js offers only those that fit the kind chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds: dict[int, tuple[str, ...]] = {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.kinds:
            option["attrs"]["data-kinds"] = " ".join(self.kinds[value])
        return option


class InitiativeMenu(forms.ModelChoiceField):
    """The initiatives an entry can be booked for, by the fund's rule (`rules.bookable_kinds`), in
    two groups: those money may be allocated to, and those that hold money and so may only be
    paid or give money back. Any other initiative is not offered."""

    widget = KindsSelect

    def __init__(self, **kwargs):
        super().__init__(queryset=Initiative.objects.none(), **kwargs)

    def offer(self) -> None:
        groups = {True: [], False: []}
        for initiative in _initiatives().annotate(**sums(prefix="ledger_entries__")):
            kinds = bookable_kinds(initiative, Balance.of(initiative))
            if kinds:
                self.widget.kinds[initiative.pk] = kinds
                groups[EntryKind.ALLOCATION in kinds].append(
                    (initiative.pk, self.label_from_instance(initiative))
                )
        self.queryset = _initiatives().filter(pk__in=list(self.widget.kinds))
        self.choices = [
            ("", self.empty_label),
            *[
                (label, groups[key])
                for key, label in (
                    (True, _("Money can be allocated")),
                    (False, _("Disbursements and returns only")),
                )
                if groups[key]
            ],
        ]


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[(k.value, k.label) for k in EntryKind if k in BOOKABLE_KINDS]
    )
    grant = GrantChoiceField(label=_("Grant"), queryset=Grant.objects.none())
    initiative = InitiativeMenu(
        label=_("Initiative"),
        required=False,
        help_text=_("For allocations, disbursements and returns."),
    )
    amount = AmountField()
    booked_on = forms.DateField(label=_("Booked on"), widget=DATE)
    note = forms.CharField(
        label=_("Internal note"),
        max_length=NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen by treasurers and coordinators, never by the public."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].queryset = grants_with_balances()
        self.fields["initiative"].offer()
        self.fields["booked_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("kind") in INITIATIVE_KINDS and not data.get("initiative"):
            self.add_error(
                "initiative", _("Choose the initiative the money goes to or comes from.")
            )
        return data


class PeriodChoiceField(forms.ModelChoiceField):
    """Grants named by what they are for and when, so the lead organisation can say which budget
    period and purpose its request belongs to; their balances stay in the books."""

    def label_from_instance(self, grant):
        return _("%(grant)s, %(start)s–%(end)s: %(earmark)s") % {
            "grant": grant,
            "start": grant.starts_on.isoformat(),
            "end": grant.ends_on.isoformat(),
            "earmark": grant.earmark_label,
        }


class RequestForm(forms.Form):
    """A lead organisation's request for money; the service checks the fund's rules."""

    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        error_messages={
            "invalid_choice": _(
                "Choose an initiative that your organisation leads and that waits at the "
                "funding step."
            )
        },
    )
    amount = AmountField(label=_("Amount asked for (SEK)"))
    justification = forms.CharField(
        label=_("What the money is for"),
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences for the treasurer: what the money pays for, and when."),
    )
    grant = PeriodChoiceField(
        label=_("Budget period and purpose"),
        queryset=Grant.objects.none(),
        required=False,
        empty_label=_("Any the fund chooses"),
        help_text=_("The grant you hope the money comes from, if you know it."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives_to_ask_for(user)
        self.fields["grant"].queryset = Grant.objects.filter(
            ends_on__gte=timezone.localdate()
        ).select_related("funder__organisation", "focus_area", "initiative")


class RequestGrantForm(forms.Form):
    """The treasurer's yes: an allocation prefilled from the request."""

    grant = GrantChoiceField(label=_("Grant"), queryset=Grant.objects.none())
    amount = AmountField()
    booked_on = forms.DateField(label=_("Booked on"), widget=DATE)
    note = EntryForm.base_fields["note"]

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].queryset = grants_for_initiative(request.initiative)
        self.fields["grant"].initial = request.grant_id
        self.fields["amount"].initial = request.amount
        self.fields["booked_on"].initial = timezone.localdate()


class RequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the request declined?"),
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The lead organisation is told this."),
    )


class ReverseForm(forms.Form):
    note = forms.CharField(
        label=_("Why is the entry reversed?"),
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    booked_on = forms.DateField(label=_("Booked on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booked_on"].initial = timezone.localdate()


class LedgerFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EntryKind.choices], required=False
    )
    funder = forms.ModelChoiceField(
        label=_("Funder"), queryset=Funder.objects.none(), required=False, empty_label=_("All")
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Funder.objects.select_related("organisation")
        self.fields["initiative"].queryset = _initiatives()

    def filters(self) -> dict:
        """The valid filters; an invalid one is left out (and shown as an error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
