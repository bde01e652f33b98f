"""The fields every app uses for what visitors and members write.

Names and titles are single-line labels (`LabelField`): the invisible characters that turn text
around or hide inside it are removed before they are stored, so a name reads on every page as
it was seen in the form. Longer text (`BoundedTextField`) keeps every character, the joiners that
some scripts and emoji need among them, but has a limit by its kind, so that no one can make a
page of megabytes.
"""

from django import forms
from django.core import validators
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import contrast

# How much a person may write, in characters, by the kind of text (a page of A4 holds ~3,000).
NOTE = 2_000  # a note, comment or reason: a paragraph or two
TEXT = 4_000  # a description, summary, question or answer: what a page shows of one thing
DOCUMENT = 20_000  # minutes, agendas, newsletters, evaluation findings: a document of its own

# Bidirectional controls (embeddings, overrides, isolates, marks) and zero-width characters.
INVISIBLE = {
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x200E,
    0x200F,
    0x061C,
    *range(0x200B, 0x200E),
    0x2060,
    0xFEFF,
}
_REMOVE_INVISIBLE = dict.fromkeys(INVISIBLE)


def without_invisible(text: str) -> str:
    """The text without direction controls and zero-width characters."""
    return text.translate(_REMOVE_INVISIBLE)


class LabelFormField(forms.CharField):
    """A name or title typed on one line, stored without invisible characters.

    They are removed before the surrounding spaces are stripped and the length is checked, so a
    title of nothing but invisible characters is an empty title.
    """

    def to_python(self, value):
        if isinstance(value, str):
            value = without_invisible(value)
        return super().to_python(value)


class LabelField(models.CharField):
    """A name or title: a CharField whose forms remove invisible characters (`LabelFormField`)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LabelFormField, **kwargs})


class BoundedTextField(models.TextField):
    """Text of many lines with a most number of characters (one of the kinds above), checked by
    its forms and by the model's own validation."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(validators.MaxLengthValidator(max_length))


class ColourInput(forms.TextInput):
    """The browser's colour chooser. It always holds a colour, so HTML allows it neither
    `required` nor `maxlength`: the form checks both."""

    input_type = "color"

    def use_required_attribute(self, initial):
        return False


class ColourFormField(forms.CharField):
    """A colour picked in the browser's colour chooser, kept as "#rrggbb"."""

    widget = ColourInput

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return value
        try:
            return contrast.normalised(value)
        except ValueError as error:
            raise forms.ValidationError(
                _("Give the colour as a hex code such as #0b5d57."), code="invalid"
            ) from error


class ColourField(models.CharField):
    """A colour of the collaboration's look, "#rrggbb" (`actors.contrast`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(*args, **kwargs)
        self.validators.append(
            validators.RegexValidator(
                contrast.HEX_COLOUR, _("Give the colour as a hex code such as #0b5d57.")
            )
        )

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ColourFormField, **kwargs})
