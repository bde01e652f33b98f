"""Content that users write in both languages: Swedish is required, English falls back to it."""

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.utils.html import format_html
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


def offered_languages() -> list[str]:
    """The languages the collaboration offers (site data), Swedish first."""
    from .models import SiteSettings  # the models read this module's field pairs

    return SiteSettings.current().offered_languages


def language_name(code: str) -> str:
    """A language named in itself, in its own script: "Svenska", "Soomaali", "العربية"."""
    name = get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


def language_tag(code: str) -> str:
    """The BCP 47 tag for a language code, for `lang` and `hreflang`. Easy Swedish's Django code
    `sv-plain` is well-formed but names no registered variant; `sv-x-plain` is valid, and a
    reader that does not know it falls back to Swedish (README, Languages)."""
    return "sv-x-plain" if code == "sv-plain" else code


def language_choices() -> list[tuple[str, str]]:
    """The languages the collaboration offers, each named in itself, as the language links of
    every page name them."""
    return [(code, language_name(code)) for code in offered_languages()]


class LanguageSelect(forms.Select):
    """A choice of language whose options say which language each name is in, so that a screen
    reader speaks "Svenska" in Swedish and "English" in English."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = language_tag(value)
            if get_language_info(value)["bidi"]:
                option["attrs"]["dir"] = "rtl"
        return option


class LanguagesCheckboxes(forms.CheckboxSelectMultiple):
    """A choice of several languages, each label in its own language and direction."""

    def create_option(self, name, value, label, *args, **kwargs):
        info = get_language_info(value)
        label = format_html(
            '<span lang="{}" dir="{}">{}</span>',
            language_tag(value),
            "rtl" if info["bidi"] else "ltr",
            label,
        )
        option = super().create_option(name, value, label, *args, **kwargs)
        if value == settings.LANGUAGE_CODE:  # always offered: shown ticked, not a choice
            option["attrs"].update(checked=True, disabled=True)
        return option
