from django.db import migrations

AUDIENCES = [("consumers", "Consumers"), ("small-businesses", "Small businesses")]


def forwards(apps, schema_editor):
    Audience = apps.get_model("library", "Audience")
    for slug, name in AUDIENCES:
        Audience.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
