"""Content that users write in any language the collaboration offers.

Swedish is the source: every text is written in Swedish first (`<name>_sv`, a column), and its
translations live beside it in the row's `translations` field, as
`{language: {name: {"text": ..., "source": fingerprint}}}`. The fingerprint is that of the Swedish
text the translation was made from, so a translation is stale as soon as its source changes, with
no clock to trust. A text reads in the active language and falls back to Swedish.

One JSON field rather than a column per language (or a table of translations joined on every
read) because the languages are site data: a collaboration that starts offering Tigrinya needs
no migration, and a page reads a row and its translations in the same query as before.
"""

import hashlib
from collections.abc import Callable, Mapping

from django import forms
from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from .fields import BoundedTextField, LabelField

SOURCE = "sv"


def active_language() -> str:
    """The active language without its variant: the language the interface's catalogue and the
    text search's dictionary are chosen by ("sv-plain" is Swedish to them)."""
    return (get_language() or SOURCE).split("-")[0]


def content_language() -> str:
    """The language content is read in: the active one, easy Swedish being a language of its own
    to those who write content."""
    return get_language() or SOURCE


def translation_languages() -> list[str]:
    """Every language a text may be translated into: those the portal has a catalogue for."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE]


def fingerprint(source: str) -> str:
    """What a translation remembers of the Swedish text it was made from."""
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def translation(translations: Mapping | None, language: str, name: str) -> str:
    """The translation of the field `name` into `language`, or "" where there is none."""
    entry = (translations or {}).get(language, {}).get(name)
    return entry["text"] if entry else ""


def text_in(language: str, name: str, source: str, translations: Mapping | None) -> str:
    """The text of the field `name` in `language`, falling back to the Swedish source."""
    if language == SOURCE:
        return source
    return translation(translations, language, name) or source


def in_active_language(name: str, read: Callable[[str], str]) -> str:
    """`<name>_<language>` for the active language, falling back to `<name>_sv`, from a flat
    mapping of texts such as an event's data (`in_every_language`)."""
    language = content_language()
    if language != SOURCE:
        value = read(f"{name}_{language}")
        if value:
            return value
    return read(f"{name}_{SOURCE}")


def row_text(row: Mapping, name: str) -> str:
    """The text of `name` in the active language from a row of `values()`, which holds
    `<name>_sv` and the `translations` of the row it is on ("focus_area__name" reads
    `focus_area__translations`)."""
    prefix, _sep, field = name.rpartition("__")
    translations = row.get(f"{prefix}__translations" if prefix else "translations")
    return text_in(content_language(), field, row[f"{name}_{SOURCE}"] or "", translations)


def row_fields(name: str) -> tuple[str, str]:
    """The two `values()` fields `row_text(row, name)` reads."""
    prefix, _sep, _field = name.rpartition("__")
    return f"{name}_{SOURCE}", f"{prefix}__translations" if prefix else "translations"


def in_every_language(instance, *names: str) -> dict[str, str]:
    """The named texts in Swedish and in every language they are translated into, flat
    (`title_sv`, `title_so`), as an event keeps what its reader needs."""
    texts = {}
    for name in names:
        texts[f"{name}_{SOURCE}"] = getattr(instance, f"{name}_{SOURCE}")
        for language in instance.translations:
            if text := translation(instance.translations, language, name):
                texts[f"{name}_{language}"] = text
    return texts


class Translated:
    """Reads a translatable text in the active language, falling back to the Swedish source.

    Declared on the model beside the source column (`title = Translated()` reads `title_sv` and
    the row's translations); the names of a model's translatable texts are those it declares."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        source = getattr(obj, f"{self.name}_{SOURCE}")
        return text_in(content_language(), self.name, source, obj.translations)


def translated_names(model) -> list[str]:
    """The names of the model's translatable texts, in the order they are declared."""
    return [name for name, value in vars(model).items() if isinstance(value, Translated)]


class TranslationsField(models.JSONField):
    """A row's translations (see the module's docstring); written by `actors.translations`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("verbose_name", _("Translations"))
        super().__init__(*args, **kwargs)


def in_swedish(label):
    return format_lazy("{} ({})", label, _("in Swedish"))


def swedish_label(label: str, max_length: int = 200, *, required: bool = True):
    """The Swedish source of a translatable name or title (`LabelField`)."""
    field = LabelField(in_swedish(label), max_length=max_length, blank=not required)
    field.text_label = label  # what its translations are labelled with, by language
    return field


def swedish_text(label: str, *, max_length: int, required: bool = False):
    """The Swedish source of a translatable text of many lines, at most `max_length` characters
    (one of the kinds in `actors.fields`)."""
    field = BoundedTextField(in_swedish(label), max_length=max_length, blank=not required)
    field.text_label = label
    return field


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
