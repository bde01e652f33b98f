"""A full-text search index on initiatives, for the portal's search box
(portal.search.INITIATIVE_FIELDS)."""

from django.db import migrations

from actors.fulltext import search_indexes


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_step_change_at_from_its_event")]

    operations = [
        search_indexes(
            "initiatives",
            {
                "initiative": {
                    "initiative_search": (
                        ("title_sv", "title_en", "A"),
                        ("summary_sv", "summary_en", "B"),
                        ("resident_involvement_sv", "resident_involvement_en", "B"),
                    )
                }
            },
        )
    ]
