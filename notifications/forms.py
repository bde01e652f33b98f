from django import forms

from .choices import Frequency
from .kinds import Kind


class PreferencesForm(forms.Form):
    """How often each kind of notification is mailed, one set of radio buttons per kind."""

    def __init__(self, *args, kinds: list[Kind], chosen: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind.kind.value] = forms.ChoiceField(
                label=kind.kind.label,
                choices=Frequency.choices,
                widget=forms.RadioSelect,
                initial=chosen[kind.kind.value],
            )
