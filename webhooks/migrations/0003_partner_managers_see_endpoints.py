"""The `Partner managers` group (partners/migrations/0002) may see organisations' webhook endpoints in the admin
(read only, never a secret: webhooks/viewsets.py). Other groups get nothing."""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

PERMISSIONS = [("webhooks", "view_endpoint")]


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, "Partner managers", PERMISSIONS)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name="Partner managers").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="webhooks", codename="view_endpoint"))


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0002_previous_secret_grace"),
        ("partners", "0002_partner_managers_group"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
