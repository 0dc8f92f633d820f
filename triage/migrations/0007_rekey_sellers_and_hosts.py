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
                changed.append(TriageState(pk=pk, seller_key=keys[0], listing_host=keys[1], listing_key=keys[2]))
        _save_keys(TriageState, changed, schema_editor.connection)


def _save_keys(TriageState, changed, connection):
    """Write a batch's new keys. On PostgreSQL one UPDATE ... FROM unnest() per batch: bulk_update's CASE WHEN
    over three columns ran at about 700 rows a second on a million-row table (about 23 minutes), while an
    unnest() update of the same rows took 103 s on a copy of the bench database."""
    if not changed:
        return
    if connection.vendor != "postgresql":
        TriageState.objects.bulk_update(changed, ["seller_key", "listing_host", "listing_key"])
        return
    table = connection.ops.quote_name(TriageState._meta.db_table)
    key = connection.ops.quote_name(TriageState._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS t SET seller_key = v.seller_key, listing_host = v.listing_host, "
            "listing_key = v.listing_key "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) AS v(id, seller_key, listing_host, "
            f"listing_key) WHERE t.{key} = v.id",
            [
                [state.pk for state in changed],
                [state.seller_key for state in changed],
                [state.listing_host for state in changed],
                [state.listing_key for state in changed],
            ],
        )


class Migration(migrations.Migration):
    # Each batch commits on its own (no transaction over a million rows); running it again is harmless.
    atomic = False

    dependencies = [
        ("triage", "0006_referral_agency"),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
