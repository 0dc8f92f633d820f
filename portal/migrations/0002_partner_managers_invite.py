"""The `Partner managers` group (partners/migrations/0002) also invites organisation users to the portal and
manages them (role, switched off). Other groups get none of this."""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

MANAGER_PERMISSIONS = ["add_invitation", "view_invitation", "view_membership", "change_membership"]


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, "Partner managers", [("portal", codename) for codename in MANAGER_PERMISSIONS])


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
