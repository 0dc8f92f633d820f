"""Fill the new marketplace_name of every existing report, in batches with their own transactions.

Not one migration-long transaction (atomic = False): with a million reports each batch of 2,000 commits on its
own and progress is printed. If it stops, `manage.py backfill_marketplace_names` finishes the job.
"""

import sys
import time

from django.db import migrations


def fill(apps, schema_editor):
    from reports.marketplace_backfill import backfill

    Report = apps.get_model("reports", "Report")
    started = time.monotonic()
    last_said = [0.0]

    def progress(done, total, changed):
        now = time.monotonic()
        if now - last_said[0] >= 5 or done == total:
            last_said[0] = now
            sys.stdout.write(f"\n  marketplace names: {done:,}/{total:,} reports ({now - started:.0f} s)")
            sys.stdout.flush()

    backfill(Report, progress=progress, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("reports", "0004_report_marketplace_name"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
