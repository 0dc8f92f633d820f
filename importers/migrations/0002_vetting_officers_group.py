"""The `Vetting officers` group: CBP staff who manage the trusted importer directory in the admin.

They get into the admin and may add, change and view importers (deleting is left out: an importer that is no
longer trusted is suspended or revoked, with a reason, so its history stays). Editors, Moderators and Triage
officers get none of this.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("importers", "add_importer"),
    ("importers", "change_importer"),
    ("importers", "view_importer"),
    ("importers", "view_vettingdecision"),
]


def create_all_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    officers, _ = Group.objects.get_or_create(name="Vetting officers")
    for app_label, codename in OFFICER_PERMISSIONS:
        officers.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Vetting officers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("importers", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
