"""Filling `Report.marketplace_name` for reports saved before it existed, or after the marketplace list changed.

The reports are read in order of id, `batch_size` at a time (keyset pagination: each batch starts after the
last id of the one before, so no batch is slower than the first). Each batch is written in its own short
transaction, and only the rows whose value changes are written: an interrupted run keeps what it did, and a
second run over filled rows writes nothing. Used by the data migration and by
`manage.py backfill_marketplace_names`.
"""

from collections import defaultdict

from django.db import transaction

from reference.marketplaces import known_marketplace

BATCH_SIZE = 2000


def backfill(report_model, batch_size=BATCH_SIZE, progress=None, using="default"):
    """Set each report's marketplace_name; returns (reports read, reports changed).

    `report_model` is the Report model (or the historical one in a migration). `progress(done, total,
    changed)` is called after each batch.
    """
    reports = report_model._default_manager.db_manager(using).order_by("pk")
    total = reports.count()
    done = changed = 0
    last = 0
    while True:
        rows = list(
            reports.filter(pk__gt=last).values_list("pk", "marketplace", "listing_url", "marketplace_name")[
                :batch_size
            ]
        )
        if not rows:
            break
        wanted = defaultdict(list)
        for pk, marketplace, listing_url, current in rows:
            name = known_marketplace(marketplace, listing_url) or ""
            if name != current:
                wanted[name].append(pk)
        with transaction.atomic(using=using):
            for name, ids in wanted.items():
                changed += reports.filter(pk__in=ids).update(marketplace_name=name)
        last = rows[-1][0]
        done += len(rows)
        if progress:
            progress(done, total, changed)
    return done, changed
