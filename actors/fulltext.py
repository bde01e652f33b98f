"""Full-text search vectors: what the portal's search reads, and what the apps index for it.

A vector is built from a row's texts (`Text`), each weighted (A to D). A translatable text is
parsed in every language the portal has a catalogue for: the Swedish source and easy Swedish with
the Swedish configuration, English with the English one, and the rest (Somali, Arabic, Tigrinya,
which PostgreSQL has no stemmer for) word by word with `simple`. An app whose table the search
reads indexes the same expression in a migration (`search_indexes`), so PostgreSQL finds the rows
through the index instead of parsing every row's text; the index is used only while both stay
the same, which is why the languages are those of the code, not the ones a collaboration offers.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import F
from django.db.models.fields.json import KeyTextTransform, KeyTransform

from .i18n import SOURCE, translation_languages

# The text search configuration of each language; those missing are read word by word.
CONFIGURATIONS = {"sv": "swedish", "sv-plain": "swedish", "en": "english"}


def configuration(language: str) -> str:
    return CONFIGURATIONS.get(language, "simple")


@dataclass(frozen=True)
class Text:
    """A text searched: a translatable text's name (`title` for `title_sv` and its translations)
    or, with `translated=False`, a field written in one language only (a resident's idea)."""

    name: str
    weight: str
    translated: bool = True


Fields = tuple[Text, ...]


def in_language(name: str, language: str):
    """The expression of a translatable text in one language, "" or NULL where it has none; a
    name may reach through a relation ("workshop__theme")."""
    if language == SOURCE:
        return F(f"{name}_{SOURCE}")
    prefix, _sep, field = name.rpartition("__")
    translations = f"{prefix}__translations" if prefix else "translations"
    return KeyTextTransform("text", KeyTransform(field, KeyTransform(language, translations)))


def parsed(text: Text) -> list[tuple[object, str]]:
    """(expression, configuration) of each version of the text that is searched."""
    if not text.translated:
        return [(F(text.name), "swedish"), (F(text.name), "english")]
    return [
        (in_language(text.name, language), configuration(language))
        for language in (SOURCE, *translation_languages())
    ]


def search_vector(fields: Fields):
    """The weighted tsvector of the texts, each version parsed with its language's
    configuration."""
    return reduce(
        operator.add,
        (
            SearchVector(expression, config=config, weight=text.weight)
            for text in fields
            for expression, config in parsed(text)
        ),
    )


def search_indexes(app_label: str, indexes: dict[str, dict[str, Fields]]) -> migrations.RunPython:
    """A migration operation that adds GIN indexes on search vectors, {model: {index name:
    fields}}, on PostgreSQL only: SQLite (the embedded default) searches without them."""

    def each(apps, schema_editor, change):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model_name, named in indexes.items():
            model = apps.get_model(app_label, model_name)
            for name, fields in named.items():
                change(model, GinIndex(search_vector(fields), name=name))

    return migrations.RunPython(
        lambda apps, schema_editor: each(apps, schema_editor, schema_editor.add_index),
        lambda apps, schema_editor: each(apps, schema_editor, schema_editor.remove_index),
    )
