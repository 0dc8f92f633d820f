"""The shipped seizure group learns the words people write after a seizure that it lacked: "confiscated" and
"forfeited" in English, "incautación" and "confiscado" in Spanish (a Spanish letter from CBP may say either
"decomiso" or "incautación"). Only a group still as shipped (0003) is changed: an editor's wording is kept."""

from django.db import migrations

SHIPPED = "seized, seizure, detained, held, decomiso, retenido"
EXTENDED = (
    "seized, seizure, detained, held, confiscated, confiscation, forfeited, forfeiture, "
    "decomiso, decomisado, retenido, incautación, incautado, incautada, confiscado, confiscada"
)


def _terms(text):
    return [term.strip().lower() for term in text.split(",") if term.strip()]


def _replace(apps, old, new):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for group in SynonymGroup.objects.all():
        if _terms(group.terms) == _terms(old):
            group.terms = new
            group.save(update_fields=["terms"])


def forwards(apps, schema_editor):
    _replace(apps, SHIPPED, EXTENDED)


def backwards(apps, schema_editor):
    _replace(apps, EXTENDED, SHIPPED)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_translated_field_labels")]

    operations = [migrations.RunPython(forwards, backwards)]
