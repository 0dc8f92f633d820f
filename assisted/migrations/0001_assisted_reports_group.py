"""The `Assisted reports` group: staff who key in reports taken by phone, mail or TTY (admin access and that one
permission). Put a person in it on their account page."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Assisted reports"
PERMISSIONS = [("wagtailadmin", "access_admin"), ("reports", "key_in_report")]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_report_linking_details_and_assisted_reports"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
