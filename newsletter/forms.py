from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from actors.fields import LabelFormField
from actors.i18n import SOURCE, LanguageSelect, language_choices, language_name, offered_languages
from prioritization.models import FocusArea

from .choices import Audience, StaleChoice
from .models import Edition


def no_line_breaks(value: str) -> None:
    if any(character in value for character in "\r\n\x00"):
        raise ValidationError(_("Write this on one line."), code="line_break")


def current_language() -> str:
    """The page's language, easy Swedish included: the one a person who signs up or follows
    from it reads."""
    language = get_language() or SOURCE
    return language if language in offered_languages() else SOURCE


class FocusAreasField(forms.ModelMultipleChoiceField):
    """Focus areas as a list; none chosen is an empty list, which needs no query to read."""

    def clean(self, value):
        return list(super().clean(value)) if value else []


class SignUpForm(forms.Form):
    """Sign-up: e-mail, optional name, language, interests (none chosen means everything)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = LabelFormField(
        label=_("Name (optional)"),
        max_length=100,
        required=False,
        validators=[no_line_breaks],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=language_choices, widget=LanguageSelect
    )
    interests = FocusAreasField(
        label=_("What interests you?"),
        help_text=_("Choose none to get everything."),
        queryset=FocusArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # A field people never see: a bot that fills in every field gives itself away.
    website = forms.CharField(label=_("Leave this field empty"), max_length=200, required=False)

    def __init__(self, *args, with_interests: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = current_language()
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if not with_interests:
            del self.fields["interests"]

    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


class PreferencesForm(forms.Form):
    name = SignUpForm.base_fields["name"]
    language = SignUpForm.base_fields["language"]
    interests = SignUpForm.base_fields["interests"]


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["subject_sv", "body_sv", "audience", "interests"]
        widgets = {
            "audience": forms.RadioSelect,
            "interests": forms.CheckboxSelectMultiple,
            "body_sv": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "body_sv": _("Markdown: **bold**, *italic*, - lists, [link](https://…), ## headings."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_sv"].validators.append(no_line_breaks)
        self.fields["interests"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == Audience.INTERESTS and not cleaned.get("interests"):
            self.add_error("interests", _("Choose at least one focus area for this audience."))
        return cleaned


class EditionSendForm(forms.Form):
    """The send step: the coordinator confirms, and chooses what the subscribers of each
    language whose translation is older than the Swedish text get."""

    confirm = forms.BooleanField(
        label=_("I have checked the preview: send it now"),
        error_messages={
            "required": _("Tick the box to confirm that the edition should go out now.")
        },
    )

    def __init__(self, *args, stale: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for code in stale:
            language = {"language": language_name(code)}
            self.fields[f"stale_{code}"] = forms.ChoiceField(
                label=gettext(
                    "The translation into %(language)s is older than the Swedish text. "
                    "Its subscribers get:"
                )
                % language,
                choices=StaleChoice.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext("Choose what the subscribers who read %(language)s get.")
                    % language
                },
            )
        self.stale = stale

    def stale_choices(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"stale_{code}"] for code in self.stale}


class FollowForm(forms.Form):
    """Following one initiative or need: only the address; the language is the page's."""

    email = SignUpForm.base_fields["email"]
    website = SignUpForm.base_fields["website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    is_bot = SignUpForm.is_bot
