"""For data migrations that give a staff group its permissions.

Django makes permission rows in `post_migrate`, after every migration has run, so a migration that grants one
must first make the rows itself from the historical models it is given.
"""

from django.contrib.auth.management import create_permissions


def create_all_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, group_name, permissions):
    """Give the group (made if missing) each (app_label, codename); call create_all_permissions first."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codename in permissions:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group
