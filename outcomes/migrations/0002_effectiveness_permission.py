"""Triage officers may see the Effectiveness page (outcomes.view_effectiveness). Give the permission to other
groups or people in Settings > Groups / Users; take it from the officers there too if only managers should see it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("outcomes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="outcomes", codename="view_effectiveness")
    for group in Group.objects.filter(name="Triage officers"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_enforcement_outcomes"),
        ("triage", "0002_triage_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
