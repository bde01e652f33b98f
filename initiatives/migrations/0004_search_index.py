"""A full-text search index on initiatives, for the portal's search box.

PostgreSQL only, built with RunPython so that SQLite (which searches without it) migrates as
before. The expression is portal.search.search_vector over the fields named here; the index is
used only while the two stay the same (tests/portal/test_search_indexes.py checks the plans)."""

import operator
from functools import reduce

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def vector(*fields):
    parts = []
    for name, weight in fields:
        parts.append(SearchVector(f"{name}_sv", config="swedish", weight=weight))
        parts.append(SearchVector(f"{name}_en", config="english", weight=weight))
    return reduce(operator.add, parts)


def indexes():
    return {
        "initiative": [
            GinIndex(
                vector(("title", "A"), ("summary", "B"), ("resident_involvement", "B")),
                name="initiative_search",
            )
        ],
    }


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, model_indexes in indexes().items():
        for index in model_indexes:
            schema_editor.add_index(apps.get_model("initiatives", model_name), index)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, model_indexes in indexes().items():
        for index in model_indexes:
            schema_editor.remove_index(apps.get_model("initiatives", model_name), index)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_step_change_at_from_its_event")]

    operations = [migrations.RunPython(add, remove)]
