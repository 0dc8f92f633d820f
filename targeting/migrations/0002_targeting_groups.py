"""Who sees entities and border leads.

`Triage officers` may view entity pages and the list of leads. `Border lead reviewers` (a new group) may also
approve or reject leads and export the lead feed: add an officer to it to let them do so.
"""

from importlib import import_module

from django.db import migrations

# The triage groups' migration already creates permissions and grants them: the same two steps here.
_triage_groups = import_module("triage.migrations.0002_triage_groups")
create_all_permissions, grant = _triage_groups.create_all_permissions, _triage_groups.grant

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
    Group = apps.get_model("auth", "Group")
    officers, _ = Group.objects.get_or_create(name="Triage officers")
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    grant(apps, officers, OFFICER_PERMISSIONS)
    grant(apps, reviewers, REVIEWER_PERMISSIONS)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("targeting", "0001_entities_and_leads"),
        ("triage", "0002_triage_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
