"""Groups for the people who write and approve the library.

Wagtail creates `Editors` and `Moderators` with page permissions on the root
and a "Moderators approval" workflow. This adds what the library needs:
Editors draft articles and manage taxonomy; Moderators also publish, lock
pages, delete taxonomy and control the site alert banner.
"""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("library", "add_topic"),
    ("library", "change_topic"),
    ("library", "add_productcategory"),
    ("library", "change_productcategory"),
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("library", "delete_topic"),
    ("library", "delete_productcategory"),
    ("website", "change_sitebanner"),
]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    editors = grant(apps, "Editors", EDITOR_PERMISSIONS)
    moderators = grant(apps, "Moderators", MODERATOR_PERMISSIONS)

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    for group, codenames in ((editors, EDITOR_PAGE_PERMISSIONS), (moderators, MODERATOR_PAGE_PERMISSIONS)):
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0001_initial"),
        ("library", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
