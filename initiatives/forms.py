from django import forms
from django.utils.translation import gettext_lazy as _

from actors.districts import offer_district
from actors.fields import NOTE, TEXT
from actors.i18n import in_swedish
from actors.models import Organisation
from focusgroups.models import CouncilConsultation, Insight
from prioritization.choices import NeedStatus
from prioritization.models import Need, Outcome, TargetGroup

from . import services
from .choices import WAY_ROLES, Achievement, InitiativeStep, WayOfWorking
from .models import Decision, Evaluation, FollowUp, Initiative, ProcessStep

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MULTI = forms.CheckboxSelectMultiple


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = [
            "title_sv",
            "summary_sv",
            "focus_area",
            "district",
            "needs",
            "outcomes",
            "target_groups",
            "lead_organisation",
            "partners",
            "budget",
            "starts_on",
            "ends_on",
            "resident_involvement_sv",
            "insights",
            "consultations",
            "way_of_working",
            *(role for roles in WAY_ROLES.values() for role in roles),
        ]
        widgets = {
            "way_of_working": forms.RadioSelect,
            "summary_sv": forms.Textarea(attrs={"rows": 4}),
            "resident_involvement_sv": forms.Textarea(attrs={"rows": 3}),
            "needs": MULTI,
            "outcomes": MULTI,
            "target_groups": MULTI,
            "partners": MULTI,
            "insights": MULTI,
            "consultations": MULTI,
            "starts_on": DATE,
            "ends_on": DATE,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_district(self)
        linked = self.instance.pk and self.instance.needs.values("pk")
        open_needs = Need.objects.filter(status__in=[NeedStatus.PRIORITISED, NeedStatus.BEING_MET])
        self.fields["needs"].queryset = (
            ((open_needs | Need.objects.filter(pk__in=linked)) if linked else open_needs)
            .select_related("focus_area")
            .distinct()
        )
        self.fields["needs"].help_text = _("The prioritised needs the initiative answers.")
        self.fields["outcomes"].queryset = Outcome.objects.select_related("need")
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["insights"].queryset = Insight.objects.select_related("focus_group")
        self.fields["insights"].help_text = _("What residents said that supports the proposal.")
        self.fields["consultations"].queryset = CouncilConsultation.objects.all()
        active = Organisation.objects.active()
        self.fields["partners"].queryset = active
        leads = services.lead_organisation_ids(actor=user, initiative=self.instance)
        self.fields["lead_organisation"].queryset = (
            active if leads is None else Organisation.objects.filter(pk__in=leads)
        )
        self.fields["budget"].min_value = 0
        self.fields["owner"].queryset = active
        # A proposal sent without a choice (a page from before the choice) is an own initiative.
        self.fields["way_of_working"].required = False
        self.fields["owner"].help_text = _(
            "The organisation that decided the intervention and has the mandate to carry it out."
        )

    def role_groups(self) -> list[tuple[str, list]]:
        """The role fields of each way of working, shown while that way is chosen."""
        return [(way, [self[role] for role in roles]) for way, roles in WAY_ROLES.items()]

    def main_fields(self) -> list:
        """The fields shown whatever the way of working."""
        roles = {role for roles in WAY_ROLES.values() for role in roles}
        return [field for field in self if field.name not in {"way_of_working", *roles}]

    def clean_way_of_working(self):
        return self.cleaned_data["way_of_working"] or WayOfWorking.OWN_INITIATIVE

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        lead, partners = cleaned.get("lead_organisation"), cleaned.get("partners")
        if lead and partners and lead in partners:
            self.add_error("partners", _("The lead organisation is not also its own partner."))
        return cleaned


class MoveForm(forms.Form):
    to_step = forms.CharField(widget=forms.HiddenInput, max_length=20)
    expected_step = forms.CharField(widget=forms.HiddenInput, max_length=20)
    note = forms.CharField(
        label=_("Note or reason"),
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    override_reason = forms.CharField(
        label=_("Reason for overriding the rule"),
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["decided_on", "workshop", "decided_by", "conditions_sv"]
        widgets = {
            "decided_on": DATE,
            "conditions_sv": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        workshops = self.fields["workshop"].queryset.model.objects.filter(status="held")
        self.fields["workshop"].queryset = workshops.order_by("-starts_at")

    def clean(self):
        cleaned = super().clean()
        workshop, decided_on = cleaned.get("workshop"), cleaned.get("decided_on")
        if workshop and decided_on and workshop.date != decided_on:
            self.add_error("decided_on", _("The date differs from the date of the workshop."))
        return cleaned


class RecordFieldsMixin:
    """A form of a record with fields of its own beside the record's: `record_data` is the
    cleaned values of the record's fields alone, as the service takes them."""

    @property
    def record_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FollowUpForm(RecordFieldsMixin, forms.ModelForm):
    """A follow-up, with one reach field per target group and one field per outcome indicator."""

    class Meta:
        model = FollowUp
        fields = [
            "period_start",
            "period_end",
            "activities",
            "activities_note",
            "how_well",
            "quality_score",
            "better_off",
            "money_spent",
            "obstacles",
            "status",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "activities_note": forms.Textarea(attrs={"rows": 2}),
            "how_well": forms.Textarea(attrs={"rows": 3}),
            "better_off": forms.Textarea(attrs={"rows": 3}),
            "obstacles": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.groups = list(initiative.target_groups.all()) or list(TargetGroup.objects.all())
        for group in self.groups:
            self.fields[f"reach_{group.pk}"] = forms.IntegerField(
                label=_("Participants reached: %(group)s") % {"group": group.name},
                min_value=0,
                max_value=1_000_000,
                required=False,
            )
        self.indicators = [
            measure
            for outcome in initiative.outcomes.prefetch_related("measures__indicator")
            for measure in outcome.measures.all()
        ]
        for measure in self.indicators:
            self.fields[f"measure_{measure.pk}"] = forms.DecimalField(
                label=_("Measured: %(indicator)s (%(unit)s)")
                % {"indicator": measure.indicator.name, "unit": measure.indicator.unit},
                max_digits=14,
                decimal_places=4,
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned

    @property
    def reach(self) -> dict:
        return {g: self.cleaned_data.get(f"reach_{g.pk}") or 0 for g in self.groups}

    @property
    def measures(self) -> dict:
        return {m: self.cleaned_data.get(f"measure_{m.pk}") for m in self.indicators}


class EvaluationForm(RecordFieldsMixin, forms.ModelForm):
    """The evaluation, with the achievement of each of the initiative's outcomes."""

    class Meta:
        model = Evaluation
        fields = [
            "method",
            "findings_sv",
            "lessons_sv",
            "recommendation",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("method", "findings_sv", "lessons_sv")
        }

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(initiative.outcomes.all())
        existing = {}
        if self.instance.pk:
            existing = {a.outcome_id: a for a in self.instance.achievements.all()}
        for outcome in self.outcomes:
            previous = existing.get(outcome.pk)
            self.fields[f"achievement_{outcome.pk}"] = forms.ChoiceField(
                label=_("Outcome: %(outcome)s") % {"outcome": outcome.title},
                choices=Achievement.choices,
                initial=previous.achievement if previous else None,
            )
            self.fields[f"comment_{outcome.pk}"] = forms.CharField(
                label=_("Comment on the outcome"),
                required=False,
                max_length=NOTE,
                initial=previous.comment if previous else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @property
    def achievements(self) -> dict:
        return {
            o: (self.cleaned_data[f"achievement_{o.pk}"], self.cleaned_data[f"comment_{o.pk}"])
            for o in self.outcomes
        }


class ProcessStepsForm(forms.Form):
    """Which steps of the process the collaboration uses and what it calls them, in Swedish
    (other languages through the translation pages). A field for each step's use, named by its
    code, and its name and description beside it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = ProcessStep.every()
        for step in self.steps:
            self.fields[step.code] = forms.BooleanField(
                label=_("Used"),
                required=False,
                initial=step.used,
                # every initiative starts at the needs
                disabled=step.code == InitiativeStep.NEEDS,
            )
            self.fields[f"{step.code}_name_sv"] = forms.CharField(
                label=in_swedish(_("Name")), max_length=60, initial=step.name_sv
            )
            self.fields[f"{step.code}_description_sv"] = forms.CharField(
                label=in_swedish(_("Description")),
                max_length=NOTE,
                required=False,
                initial=step.description_sv,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple]:
        """Each step with its three fields, in the order of the process."""
        return [
            (
                step,
                self[step.code],
                self[f"{step.code}_name_sv"],
                self[f"{step.code}_description_sv"],
            )
            for step in self.steps
        ]

    @property
    def step_data(self) -> dict[str, dict]:
        return {
            step.code: {
                "used": self.cleaned_data[step.code],
                "name_sv": self.cleaned_data[f"{step.code}_name_sv"],
                "description_sv": self.cleaned_data[f"{step.code}_description_sv"],
            }
            for step in self.steps
        }
