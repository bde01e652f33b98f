"""A full-text search index on needs, for the portal's search box
(portal.search.NEED_FIELDS)."""

from django.db import migrations

from actors.fulltext import search_indexes


class Migration(migrations.Migration):
    dependencies = [("prioritization", "0004_round_closing_date")]

    operations = [
        search_indexes(
            "prioritization",
            {
                "need": {
                    "need_search": (
                        ("title_sv", "title_en", "A"),
                        ("description_sv", "description_en", "B"),
                    )
                }
            },
        )
    ]
