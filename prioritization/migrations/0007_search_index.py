"""A full-text search index on needs in every language, for the portal's search box
(portal.search.NEED_FIELDS)."""

from django.db import migrations

from actors.fulltext import Text, search_indexes


class Migration(migrations.Migration):
    dependencies = [("prioritization", "0006_translations_of_every_language")]

    operations = [
        search_indexes(
            "prioritization",
            {"need": {"need_text_search": (Text("title", "A"), Text("description", "B"))}},
        )
    ]
