"""Where the first search indexes were made, on the Swedish and English columns. Those columns gave
way to translations in any language, and the indexes are made by prioritization/0007, so this
step makes none (an index made here by an earlier version went with its columns)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("prioritization", "0004_round_closing_date")]

    operations = []
