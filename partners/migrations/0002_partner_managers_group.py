"""The `Partner managers` group: CBP staff who onboard API partners and issue, and revoke, their keys.

They may add, change and view partners and keys, and read the call log. Nobody can change a key's secret:
a new key is made instead. Other groups get none of this.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("partners", "add_partner"),
    ("partners", "change_partner"),
    ("partners", "view_partner"),
    ("partners", "add_apikey"),
    ("partners", "change_apikey"),
    ("partners", "view_apikey"),
    ("partners", "view_apicall"),
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers, _ = Group.objects.get_or_create(name="Partner managers")
    for app_label, codename in MANAGER_PERMISSIONS:
        managers.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Partner managers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
