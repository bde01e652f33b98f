"""Full-text search indexes on decisions and workshops in every language, for the portal's
search box (portal.search.DECISION_FIELDS, WORKSHOP_FIELDS, WORKSHOP_RECORD)."""

from django.db import migrations

from actors.fulltext import Text, search_indexes


class Migration(migrations.Migration):
    dependencies = [("workshops", "0005_translations_of_every_language")]

    operations = [
        search_indexes(
            "workshops",
            {
                "workshopitem": {"workshopitem_text_search": (Text("text", "A"),)},
                "workshop": {
                    "workshop_text_search": (Text("theme", "A"), Text("agenda", "C")),
                    "workshop_summary_search": (Text("summary", "B"),),
                },
            },
        )
    ]
