"""The `Assisted reports` group: staff who key in reports taken by phone, mail or TTY (admin access and that one
permission). Put a person in it on their account page."""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

GROUP = "Assisted reports"
PERMISSIONS = [("wagtailadmin", "access_admin"), ("reports", "key_in_report")]


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, GROUP, PERMISSIONS)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_report_linking_details_and_assisted_reports"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
