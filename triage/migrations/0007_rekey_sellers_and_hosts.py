"""Re-key every report's seller and store address with the shared normalisers (reference.sellers, reference.hosts).

Seller keys now ignore punctuation, accents and company forms ("Best-Deals LLC" is "best deals"), and hosts are
read as browsers read them (international names in punycode, "\\" as "/"), so reports made before this change are
matched with reports made after it. Runs in batches; rebuild the reports index afterwards (its seller and domain
fields hold these keys).
"""

from django.db import migrations

from reference.hosts import address_key, host_of
from reference.sellers import seller_name_key

BATCH = 2000


def rekey(apps, schema_editor):
    TriageState = apps.get_model("triage", "TriageState")
    rows = TriageState.objects.order_by("pk").values_list(
        "pk", "seller_key", "listing_host", "listing_key", "report__seller_name", "report__listing_url"
    )
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        last = batch[-1][0]
        changed = []
        for pk, seller_key, listing_host, listing_key, seller_name, listing_url in batch:
            keys = (seller_name_key(seller_name)[:200], host_of(listing_url), address_key(listing_url)[:2000])
            if keys != (seller_key, listing_host, listing_key):
                changed.append(
                    TriageState(pk=pk, seller_key=keys[0], listing_host=keys[1], listing_key=keys[2])
                )
        TriageState.objects.bulk_update(changed, ["seller_key", "listing_host", "listing_key"])


class Migration(migrations.Migration):
    # Each batch commits on its own (no transaction over a million rows); running it again is harmless.
    atomic = False

    dependencies = [
        ("triage", "0006_referral_agency"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
