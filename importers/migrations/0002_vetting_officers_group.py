"""The `Vetting officers` group: CBP staff who manage the trusted importer directory in the admin.

They get into the admin and may add, change and view importers (deleting is left out: an importer that is no
longer trusted is suspended or revoked, with a reason, so its history stays). Editors, Moderators and Triage
officers get none of this.
"""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("importers", "add_importer"),
    ("importers", "change_importer"),
    ("importers", "view_importer"),
    ("importers", "view_vettingdecision"),
]


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, "Vetting officers", OFFICER_PERMISSIONS)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Vetting officers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("importers", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
