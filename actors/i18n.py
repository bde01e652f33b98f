"""Content that users write in both languages: Swedish is required, English falls back to it."""

from collections.abc import Callable

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
    """A Swedish and an English CharField for one piece of bilingual text."""
    return (
        models.CharField(in_swedish(label), max_length=max_length, blank=not required),
        models.CharField(in_english(label), max_length=max_length, blank=True),
    )


def text_pair(label: str, *, required: bool = False):
    """A Swedish and an English TextField for one piece of bilingual text."""
    return (
        models.TextField(in_swedish(label), blank=not required),
        models.TextField(in_english(label), blank=True),
    )
