"""Translating what coordinators write for the public into the languages the collaboration
offers (the storage is described in `actors.i18n`).

Every model that declares `Translated` texts can be translated; a translation is missing when
its Swedish source has text and it has none, stale when its source changed after it was made,
current otherwise. Saving a translation makes it current again: a translator who reads the new
Swedish text and finds the translation still true saves it as it is.
"""

import enum
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction

from .choices import ActorsEvent
from .events import event_record
from .i18n import SOURCE, fingerprint, offered_languages, translated_names, translation


class State(enum.IntEnum):
    """Ordered so that the worst of several is their max."""

    CURRENT = 0
    STALE = 1
    MISSING = 2


@dataclass(frozen=True)
class FieldTranslation:
    name: str
    source: str
    text: str
    state: State

    @property
    def stale(self) -> bool:
        return self.state == State.STALE

    @property
    def current(self) -> bool:
        return self.state == State.CURRENT


def translatable_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if translated_names(model)]


def field_translations(instance, language: str) -> list[FieldTranslation]:
    """Each translatable text of `instance` with its translation into `language`. Texts whose
    Swedish source is empty have nothing to translate and are left out."""
    found = []
    for name in translated_names(type(instance)):
        source = getattr(instance, f"{name}_{SOURCE}")
        if not source:
            continue
        entry = instance.translations.get(language, {}).get(name)
        if entry is None:
            state = State.MISSING
        elif entry["source"] != fingerprint(source):
            state = State.STALE
        else:
            state = State.CURRENT
        found.append(FieldTranslation(name, source, entry["text"] if entry else "", state))
    return found


def state_of(instance, language: str) -> State | None:
    """The worst state of the instance's texts in `language`; None when it has no text."""
    return max((field.state for field in field_translations(instance, language)), default=None)


def translate(instance, language: str, **texts: str) -> None:
    """Put translations of the named texts into `instance` (not saved), each made from the
    Swedish text the instance holds now. An empty text removes the translation."""
    if language == SOURCE:
        raise ValueError("Swedish is the source, not a translation.")
    entries = dict(instance.translations.get(language, {}))
    for name, text in texts.items():
        text = text.strip()
        if text:
            source = getattr(instance, f"{name}_{SOURCE}")
            entries[name] = {"text": text, "source": fingerprint(source)}
        else:
            entries.pop(name, None)
    translations = {key: value for key, value in instance.translations.items() if key != language}
    if entries:
        translations[language] = entries
    instance.translations = translations


def translations_of(language: str, **texts: tuple[str, str]) -> dict:
    """The `translations` of a row whose texts are written in Swedish and one other language at
    once, given as (Swedish, translation) pairs: the demo's content."""
    return {
        language: {
            name: {"text": text, "source": fingerprint(source)}
            for name, (source, text) in texts.items()
            if text
        }
    }


def translations_refreshed(instance, *names: str) -> None:
    """Mark the named texts' translations as made from the instance's present Swedish text,
    for a service that writes a text and its translations together (a newsletter's draft)."""
    for language in instance.translations:
        for name in names:
            if text := translation(instance.translations, language, name):
                translate(instance, language, **{name: text})


def translation_refused(instance) -> str:
    """Why the instance's translations may not change now ("" when they may): a model says so
    with a `translation_refused()` method, as a newsletter edition does once it is sent."""
    refused = getattr(instance, "translation_refused", None)
    return refused() if refused else ""


@transaction.atomic
def translation_save(*, instance, language: str, texts: dict[str, str], actor) -> None:
    """A translator's translations of the instance's texts into one language.

    The row is read again under a lock, so that two translators saving different languages of
    the same thing at once both keep their work."""
    if language not in offered_languages() or language == SOURCE:
        raise ValueError(f"{language!r} is not a language the collaboration translates into.")
    names = translated_names(type(instance))
    unknown = set(texts) - set(names)
    if unknown:
        raise ValueError(f"{type(instance).__name__} has no translatable text {unknown}.")
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    if refused := translation_refused(locked):
        raise ValidationError(refused)
    before = locked.translations.get(language, {})
    translate(locked, language, **texts)
    locked.save(update_fields=["translations"])
    instance.translations = locked.translations
    after = locked.translations.get(language, {})
    event_record(
        kind=ActorsEvent.TRANSLATED,
        subject=locked,
        actor=actor,
        data={
            "language": language,
            "changed": sorted(name for name in names if before.get(name) != after.get(name)),
        },
        public=False,
    )


@dataclass
class Gap:
    """A thing with a text missing or stale in one language."""

    instance: models.Model
    label: str
    state: State


@dataclass
class KindOfText:
    """One kind of thing (a model) and how far its texts are translated: the number of things
    in each state by language, and those of the chosen language that are not current."""

    model: type[models.Model]
    counts: dict[str, dict[State, int]]
    gaps: list[Gap]

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)


def label_of(instance) -> str:
    """What the translator recognises a thing by, read from its own row: its name where the
    name is written in one language only (an organisation's), else its first Swedish text."""
    columns = {field.name for field in instance._meta.concrete_fields}
    for name in ("name", "title"):
        if name in columns and getattr(instance, name):
            return getattr(instance, name)
    for name in translated_names(type(instance)):
        if text := getattr(instance, f"{name}_{SOURCE}"):
            return " ".join(text.split())
    return f"#{instance.pk}"


def translation_overview(language: str, languages: list[str]) -> list[KindOfText]:
    """Every kind of translatable thing with its counts in each of `languages` and the gaps of
    `language`. One query a kind, whatever the number of things."""
    kinds = []
    for model in translatable_models():
        counts = {code: dict.fromkeys(State, 0) for code in languages}
        gaps = []
        for instance in model._default_manager.order_by("pk"):
            for code in languages:
                state = state_of(instance, code)
                if state is None:
                    break
                counts[code][state] += 1
                if code == language and state != State.CURRENT:
                    gaps.append(Gap(instance, label_of(instance), state))
        kinds.append(KindOfText(model, counts, gaps))
    return kinds


def translatable(key: str, pk: int):
    """The translatable thing named by a model's label ("prioritization.need") and its key;
    LookupError when there is none."""
    try:
        model = apps.get_model(key)
    except ValueError as error:
        raise LookupError(key) from error
    if not translated_names(model):
        raise LookupError(key)
    try:
        return model._default_manager.get(pk=pk)
    except model.DoesNotExist as error:
        raise LookupError(key) from error
