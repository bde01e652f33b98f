"""Where the first search indexes were made, on the Swedish and English columns. Those columns gave
way to translations in any language, and the indexes are made by workshops/0006, so this step
makes none (an index made here by an earlier version went with its columns)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workshops", "0003_text_limits_and_labels")]

    operations = []
