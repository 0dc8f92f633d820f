"""Moderators may copy pages into the other language (Wagtail's simple translation)."""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, "Moderators", [("simple_translation", "submit_translation")])


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_editor_groups"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
