"""The `Partner managers` group: CBP staff who onboard API partners and issue, and revoke, their keys.

They may add, change and view partners and keys, and read the call log. Nobody can change a key's secret:
a new key is made instead. Other groups get none of this.
"""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

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
    create_all_permissions(apps)
    grant(apps, "Partner managers", MANAGER_PERMISSIONS)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Partner managers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
