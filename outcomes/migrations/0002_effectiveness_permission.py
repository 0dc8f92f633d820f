"""Triage officers may see the Effectiveness page (outcomes.view_effectiveness). Give the permission to other
groups or people in Settings > Groups / Users; take it from the officers there too if only managers should see it."""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, "Triage officers", [("outcomes", "view_effectiveness")])


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_enforcement_outcomes"),
        ("triage", "0002_triage_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
