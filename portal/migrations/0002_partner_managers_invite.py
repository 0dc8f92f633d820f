"""The `Partner managers` group (partners/migrations/0002) also invites organisation users to the portal and
manages them (role, switched off). Other groups get none of this."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGER_PERMISSIONS = ["add_invitation", "view_invitation", "view_membership", "change_membership"]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers, _ = Group.objects.get_or_create(name="Partner managers")
    for codename in MANAGER_PERMISSIONS:
        managers.permissions.add(Permission.objects.get(content_type__app_label="portal", codename=codename))


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name="Partner managers").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="portal", codename__in=MANAGER_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("partners", "0002_partner_managers_group"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
