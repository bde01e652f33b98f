from django import forms
from django.utils.translation import gettext_lazy as _

from actors.i18n import LanguageSelect, language_choices

from .choices import Frequency
from .kinds import Kind


class PreferencesForm(forms.Form):
    """The language of the person's mails, and how often each kind of notification is mailed,
    one set of radio buttons per kind."""

    # Left out, the person's language stays as it is.
    language = forms.ChoiceField(
        label=_("Language of your e-mails"), required=False, widget=LanguageSelect
    )

    def __init__(self, *args, kinds: list[Kind], chosen: dict[str, str], language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["language"].initial = language
        for kind in kinds:
            self.fields[kind.kind.value] = forms.ChoiceField(
                label=kind.kind.label,
                choices=Frequency.choices,
                widget=forms.RadioSelect,
                initial=chosen[kind.kind.value],
            )

    def frequencies(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name != "language"}
