"""Groups for CBP staff who work the report queue.

`Triage officers` get into the admin and may view and change reports, add internal notes, refer reports and
cases to partners, and link reports into cases. Reporter contact details need one more permission,
`triage.view_reporter_contact`, held by the `Contact viewers` group: add an officer to both groups (or give
the permission to one user on their account page) to let them see contact details. Editors and
Moderators get none of this. A TriageState row is created for every report that already exists.
"""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

from reference.hosts import address_key, host_of
from reference.sellers import seller_name_key
from triage.purchase_numbers import reference_key, tracking_pattern

OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("triage", "view_triagereport"),
    ("triage", "change_triagereport"),
    ("triage", "add_note"),
    ("triage", "view_note"),
    ("triage", "add_referral"),
    ("triage", "change_referral"),
    ("triage", "view_referral"),
    ("triage", "add_case"),
    ("triage", "change_case"),
    ("triage", "view_case"),
]
CONTACT_PERMISSIONS = [("triage", "view_reporter_contact")]


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    grant(apps, "Triage officers", OFFICER_PERMISSIONS)
    grant(apps, "Contact viewers", CONTACT_PERMISSIONS)

    Report = apps.get_model("reports", "Report")
    TriageState = apps.get_model("triage", "TriageState")
    existing = set(TriageState.objects.values_list("report_id", flat=True))
    fields = ["pk", "seller_name", "listing_url", "order_number", "parcel_tracking_number"]
    TriageState.objects.bulk_create(
        [
            TriageState(
                report_id=pk,
                seller_key=seller_name_key(seller)[:200],
                listing_host=host_of(url),
                listing_key=address_key(url)[:2000],
                order_key=reference_key(order),
                parcel_key=reference_key(parcel),
                parcel_pattern=tracking_pattern(parcel),
            )
            for pk, seller, url, order, parcel in Report.objects.values_list(*fields).iterator()
            if pk not in existing
        ],
        batch_size=1000,
    )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Triage officers", "Contact viewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0001_initial"),
        ("website", "0002_editor_groups"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
