"""Full-text search indexes on decisions and workshops, for the portal's search box
(portal.search.DECISION_FIELDS, WORKSHOP_FIELDS, WORKSHOP_RECORD)."""

from django.db import migrations

from actors.fulltext import search_indexes


class Migration(migrations.Migration):
    dependencies = [("workshops", "0003_text_limits_and_labels")]

    operations = [
        search_indexes(
            "workshops",
            {
                "workshopitem": {"workshopitem_search": (("text_sv", "text_en", "A"),)},
                "workshop": {
                    "workshop_search": (
                        ("theme_sv", "theme_en", "A"),
                        ("agenda_sv", "agenda_en", "C"),
                    ),
                    "workshop_record_search": (("summary_sv", "summary_en", "B"),),
                },
            },
        )
    ]
