"""Editors and Moderators may also view topics and product categories (the taxonomy screens' inspect page).

0002_editor_groups already gave Editors add and change, and Moderators add, change and delete.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_PERMISSIONS = [("library", "view_topic"), ("library", "view_productcategory")]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in VIEW_PERMISSIONS:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


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
