"""Full-text search vectors: what the portal's search reads, and what the apps index for it.

A vector is built from pairs of a Swedish and an English field, each parsed with its language's
configuration and weighted (A to D). An app whose table the search reads indexes the same
expression in a migration (`search_indexes`), so PostgreSQL finds the rows through the index
instead of parsing every row's text; the index is used only while both stay the same.
"""

import operator
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# (Swedish field, English field, weight); a field with no translation is named twice.
Fields = tuple[tuple[str, str, str], ...]


def search_vector(fields: Fields):
    """The weighted tsvector of the fields: Swedish text parsed with the Swedish configuration,
    English with the English one."""
    parts = []
    for swedish, english, weight in fields:
        parts.append(SearchVector(swedish, config="swedish", weight=weight))
        parts.append(SearchVector(english, config="english", weight=weight))
    return reduce(operator.add, parts)


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
