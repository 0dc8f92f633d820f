"""Editors see the search-queries report and keep the synonym list; Moderators also manage best bets."""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

EDITORS = [
    ("search", "view_searchquerystat"),
    ("search", "add_synonymgroup"),
    ("search", "change_synonymgroup"),
    ("search", "delete_synonymgroup"),
]
MODERATORS = EDITORS + [
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, "Editors", EDITORS)
    grant(apps, "Moderators", MODERATORS)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_default_synonyms"),
        ("website", "0002_editor_groups"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
