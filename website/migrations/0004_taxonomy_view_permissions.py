"""Editors and Moderators may also view topics and product categories (the taxonomy screens' inspect page).

0002_editor_groups already gave Editors add and change, and Moderators add, change and delete.
"""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

VIEW_PERMISSIONS = [("library", "view_topic"), ("library", "view_productcategory")]


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    for name in ("Editors", "Moderators"):
        grant(apps, name, VIEW_PERMISSIONS)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="library", codename__in=[codename for _, codename in VIEW_PERMISSIONS]
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0003_translation_permission"),
        ("library", "0003_topic_spanish_description"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
