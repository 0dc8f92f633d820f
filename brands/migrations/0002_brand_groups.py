"""Who keeps the brand registry and reviews identification guides.

`Brand reviewers` (a new group) keep the registry and approve or reject guides. `Partner managers`, who onboard
rights holders, may also keep the registry. Officers need nothing new: they see approved guides on a report's
page with the triage permissions they have.
"""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

REGISTRY = [("brands", "add_brand"), ("brands", "change_brand"), ("brands", "view_brand")]
REVIEWER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *REGISTRY,
    ("brands", "view_guide"),
    ("brands", "review_guide"),
]
REVIEWERS = "Brand reviewers"


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, REVIEWERS, REVIEWER_PERMISSIONS)
    grant(apps, "Partner managers", REGISTRY)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("brands", "0001_brand_registry_and_guides"),
        ("partners", "0002_partner_managers_group"),
        ("triage", "0002_triage_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
