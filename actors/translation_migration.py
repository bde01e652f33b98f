"""The data step of the migrations that replaced each Swedish/English pair of columns with the
Swedish source and its translations (`actors.i18n`): the English column's text becomes the
English translation, made from the Swedish text it stood beside."""

from django.db import migrations

from .i18n import fingerprint


def english_into_translations(app_label: str, model_name: str, names: list[str]):
    """A RunPython step, run between adding `translations` and removing the `<name>_en`
    columns; backwards it puts the English translations back into their columns."""

    def forward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        for row in model.objects.all().iterator():
            english = {
                name: {"text": text, "source": fingerprint(getattr(row, f"{name}_sv"))}
                for name in names
                if (text := getattr(row, f"{name}_en"))
            }
            if english:
                model.objects.filter(pk=row.pk).update(translations={"en": english})

    def backward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        for row in model.objects.exclude(translations={}).iterator():
            english = row.translations.get("en", {})
            model.objects.filter(pk=row.pk).update(
                **{f"{name}_en": english.get(name, {}).get("text", "") for name in names}
            )

    return migrations.RunPython(forward, backward, elidable=False)
