"""Who sees entities and border leads.

`Triage officers` may view entity pages and the list of leads. `Border lead reviewers` (a new group) may also
approve or reject leads and export the lead feed: add an officer to it to let them do so.
"""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

OFFICER_PERMISSIONS = [("targeting", "view_entity"), ("targeting", "view_lead")]
REVIEWER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("targeting", "view_entity"),
    ("targeting", "view_lead"),
    ("targeting", "change_lead"),
    ("targeting", "export_lead"),
]
REVIEWERS = "Border lead reviewers"


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, "Triage officers", OFFICER_PERMISSIONS)
    grant(apps, REVIEWERS, REVIEWER_PERMISSIONS)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("targeting", "0001_entities_and_leads"),
        ("triage", "0002_triage_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
