from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from actors.districts import offer_district
from actors.fields import NOTE, TEXT, LabelFormField
from focusgroups.forms import DATE
from focusgroups.models import Insight

from .choices import IdeaOutcome
from .models import FocusArea, Indicator, Intervention, Need, Outcome, OutcomeIndicator, TargetGroup

TEXTAREA = forms.Textarea(attrs={"rows": 4})
SCORE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class InsightChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.focus_group.held_on:%Y-%m-%d} · {obj.text[:90]}"


def insight_field(**kwargs):
    return InsightChoiceField(
        label=_("What residents said"),
        queryset=Insight.objects.select_related("focus_group").order_by(
            "-focus_group__held_on", "pk"
        ),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        **kwargs,
    )


class FocusAreaForm(forms.ModelForm):
    class Meta:
        model = FocusArea
        fields = ["name_sv", "slug", "position", "description_sv"]
        widgets = {"description_sv": TEXTAREA}


class TargetGroupForm(FocusAreaForm):
    class Meta(FocusAreaForm.Meta):
        model = TargetGroup


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name_sv",
            "slug",
            "focus_area",
            "unit",
            "direction",
            "source",
            "source_url",
            "description_sv",
        ]
        widgets = {"description_sv": TEXTAREA}
        help_texts = {"slug": _("Used in the indicator column of CSV files.")}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: indicator, period, target_group (may be empty), value. Indicators and "
            "target groups by short address or name. UTF-8 or Excel's "
            "Windows-1252; comma or semicolon between columns."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class NeedForm(forms.ModelForm):
    insights = insight_field()

    class Meta:
        model = Need
        fields = [
            "title_sv",
            "focus_area",
            "district",
            "status",
            "description_sv",
            "target_groups",
            "insights",
            "indicators",
            "consultations",
        ]
        widgets = {
            "description_sv": TEXTAREA,
            "target_groups": forms.CheckboxSelectMultiple,
        }

    RELATIONS = ("target_groups", "insights", "indicators", "consultations")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_district(self)

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.RELATIONS}


class RoundForm(forms.Form):
    title_sv = LabelFormField(label=_("Title (Swedish)"), max_length=200)
    description_sv = forms.CharField(
        label=_("Description (Swedish)"), max_length=TEXT, widget=TEXTAREA, required=False
    )
    closes_on = forms.DateField(
        label=_("Closing date (optional)"),
        required=False,
        widget=DATE,
        help_text=_("The last day to score, shown to the member organisations."),
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Needs to prioritise"),
        queryset=Need.objects.select_related("focus_area").exclude(status__in=["met", "set_aside"]),
        widget=forms.CheckboxSelectMultiple,
    )


class RoundCloseForm(forms.Form):
    """Closing a round; asks to confirm when some active organisations have not scored."""

    without_missing = forms.BooleanField(required=False)

    def __init__(self, *args, turnout, **kwargs):
        super().__init__(*args, **kwargs)
        if turnout.missing:
            self.fields["without_missing"].required = True
            self.fields["without_missing"].label = _(
                "Close the round without the scores of those who have not scored"
            )
        else:
            del self.fields["without_missing"]

    def clean(self):
        cleaned = super().clean()
        cleaned.setdefault("without_missing", False)
        return cleaned


class ScoreForm(forms.Form):
    """One need's score; the need is given by the view (the form's prefix), not by the data.

    Both scales or neither: a need left blank is simply not scored yet.
    """

    urgency = forms.TypedChoiceField(
        label=_("Urgency"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    capacity = forms.TypedChoiceField(
        label=_("Our capacity to meet it"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    contribution = forms.CharField(
        label=_("What we could contribute"),
        required=False,
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        urgency, capacity = data.get("urgency"), data.get("capacity")
        if (urgency is None) != (capacity is None) and not self.errors:
            raise forms.ValidationError(_("Give both urgency and capacity, or neither."))
        return data


class IdeaModerationForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=IdeaOutcome.choices, widget=forms.RadioSelect
    )
    reply = forms.CharField(
        label=_("Message to the sender"),
        max_length=TEXT,
        widget=TEXTAREA,
        help_text=_("Sent by e-mail with the decision. Be kind and say why."),
    )
    focus_area = forms.ModelChoiceField(
        label=_("Focus area of the new need"), queryset=FocusArea.objects.all(), required=False
    )
    title_sv = LabelFormField(
        label=_("Title of the need (Swedish)"), max_length=200, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == IdeaOutcome.NEED:
            if not data.get("focus_area"):
                self.add_error("focus_area", _("Choose the focus area of the new need."))
            if not (data.get("title_sv") or "").strip():
                self.add_error("title_sv", _("Give the new need a Swedish title."))
        return data


class OutcomeForm(forms.ModelForm):
    insights = insight_field()

    class Meta:
        model = Outcome
        fields = ["title_sv", "description_sv", "insights"]
        widgets = {"description_sv": TEXTAREA}


MeasureFormSet = inlineformset_factory(
    Outcome,
    OutcomeIndicator,
    fields=["indicator", "baseline", "baseline_period", "target", "target_period"],
    extra=1,
    can_delete=True,
)


class InterventionForm(forms.ModelForm):
    class Meta:
        model = Intervention
        fields = [
            "title_sv",
            "description_sv",
            "status",
            "evidence_strength",
            "evidence_source",
            "evidence_url",
            "evidence_notes",
        ]
        widgets = {
            "description_sv": TEXTAREA,
            "evidence_notes": TEXTAREA,
        }
