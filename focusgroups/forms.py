from django import forms
from django.utils.translation import gettext_lazy as _

from actors.districts import offer_district
from actors.fields import TEXT
from actors.forms import BotTrap, bot_trap

from .models import CouncilConsultation, FocusGroup, Idea, Insight

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def related_model(model, name):
    """A model one floor up (prioritization), reached through the relation it declares here."""
    return model._meta.get_field(name).related_model


class FocusGroupForm(forms.ModelForm):
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = FocusGroup
        fields = [
            "title_sv",
            "held_on",
            "district",
            "target_groups",
            "host",
            "facilitator",
            "language",
            "participant_count",
            "age_band",
            "questions_sv",
            "summary_sv",
        ]
        widgets = {
            "held_on": DATE,
            "questions_sv": forms.Textarea(attrs={"rows": 4}),
            "summary_sv": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "participant_count": _("Only the number: no names or other details of participants.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_district(self)
        self.fields["host"].queryset = self.fields["host"].queryset.filter(active=True)
        self.fields["target_groups"].queryset = related_model(
            FocusGroup, "target_groups"
        ).objects.all()
        if self.instance.pk:
            self.initial["target_groups"] = list(self.instance.target_groups.all())


class InsightForm(forms.ModelForm):
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Insight
        fields = ["kind", "text_sv", "position"]
        widgets = {
            "text_sv": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].queryset = related_model(Insight, "focus_areas").objects.all()
        if self.instance.pk:
            self.initial["focus_areas"] = list(self.instance.focus_areas.all())


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = CouncilConsultation
        fields = ["question_sv", "asked_on", "material", "material_url"]
        widgets = {
            "asked_on": DATE,
            "question_sv": forms.Textarea(attrs={"rows": 3}),
            "material": forms.Textarea(attrs={"rows": 3}),
        }


class ConsultationAnswerForm(forms.Form):
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)
    answer_sv = forms.CharField(
        label=_("The council's answer (Swedish)"), max_length=TEXT, widget=forms.Textarea
    )


class IdeaForm(BotTrap, forms.ModelForm):
    website = bot_trap()

    class Meta:
        model = Idea
        fields = ["title", "text", "email", "tell_me_what_became"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "email": _(
                "We send you a link to confirm the idea, and tell you what became of it. "
                "We use the address for nothing else."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Blank only once the address has been forgotten; a sender always gives one.
        self.fields["email"].required = True
