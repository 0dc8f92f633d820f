"""The default next steps (nextsteps/defaults.py), and who keeps them: Editors add and change them, Moderators also
delete them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from nextsteps.defaults import seed

EDITORS = [("nextsteps", "add_nextstep"), ("nextsteps", "change_nextstep"), ("nextsteps", "view_nextstep")]
MODERATORS = EDITORS + [("nextsteps", "delete_nextstep")]


def forwards(apps, schema_editor):
    seed(apps.get_model("nextsteps", "NextStep"), apps.get_model("nextsteps", "NextStepLink"), apps.get_model("library", "ProductCategory"))
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in (("Editors", EDITORS), ("Moderators", MODERATORS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("nextsteps", "0001_next_steps"),
        ("website", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
