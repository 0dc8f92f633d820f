"""The default next steps (nextsteps/defaults.py), and who keeps them: Editors add and change them, Moderators also
delete them."""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

from nextsteps.defaults import seed

EDITORS = [("nextsteps", "add_nextstep"), ("nextsteps", "change_nextstep"), ("nextsteps", "view_nextstep")]
MODERATORS = EDITORS + [("nextsteps", "delete_nextstep")]


def forwards(apps, schema_editor):
    seed(apps.get_model("nextsteps", "NextStep"), apps.get_model("nextsteps", "NextStepLink"), apps.get_model("library", "ProductCategory"))
    create_all_permissions(apps)
    grant(apps, "Editors", EDITORS)
    grant(apps, "Moderators", MODERATORS)


class Migration(migrations.Migration):
    dependencies = [
        ("nextsteps", "0001_next_steps"),
        ("website", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
