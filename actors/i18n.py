"""Content that users write in both languages: Swedish is required, English falls back to it."""

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from .fields import BoundedTextField, LabelField


def active_language() -> str:
    return (get_language() or "sv").split("-")[0]


def in_active_language(name: str, read: Callable[[str], str]) -> str:
    """`<name>_<language>` for the active language, falling back to the Swedish text, from
    whatever holds the fields: a model instance, or a row of values."""
    language = active_language()
    if language != "sv":
        value = read(f"{name}_{language}")
        if value:
            return value
    return read(f"{name}_sv")


class Translated:
    """Reads `<name>_<language>` for the active language, falling back to the Swedish text."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return in_active_language(self.name, lambda field: getattr(obj, field, ""))


def in_swedish(label):
    return format_lazy("{} ({})", label, _("in Swedish"))


def in_english(label):
    return format_lazy("{} ({})", label, _("in English"))


def char_pair(label: str, max_length: int = 200, *, required: bool = True):
    """A Swedish and an English name or title (`LabelField`) for one bilingual label."""
    return (
        LabelField(in_swedish(label), max_length=max_length, blank=not required),
        LabelField(in_english(label), max_length=max_length, blank=True),
    )


def text_pair(label: str, *, max_length: int, required: bool = False):
    """A Swedish and an English text of many lines, each at most `max_length` characters (one
    of the kinds in `actors.fields`)."""
    return (
        BoundedTextField(in_swedish(label), max_length=max_length, blank=not required),
        BoundedTextField(in_english(label), max_length=max_length, blank=True),
    )


def language_choices() -> list[tuple[str, str]]:
    """The portal's languages, each named in itself, as the language links of every page name
    them."""
    return [
        (code, get_language_info(code)["name_local"].capitalize())
        for code, _name in settings.LANGUAGES
    ]


class LanguageSelect(forms.Select):
    """A choice of language whose options say which language each name is in, so that a screen
    reader speaks "Svenska" in Swedish and "English" in English."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option
