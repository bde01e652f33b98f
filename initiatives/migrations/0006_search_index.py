"""A full-text search index on initiatives in every language, for the portal's search box
(portal.search.INITIATIVE_FIELDS)."""

from django.db import migrations

from actors.fulltext import Text, search_indexes


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0005_translations_of_every_language")]

    operations = [
        search_indexes(
            "initiatives",
            {
                "initiative": {
                    "initiative_text_search": (
                        Text("title", "A"),
                        Text("summary", "B"),
                        Text("resident_involvement", "B"),
                    )
                }
            },
        )
    ]
