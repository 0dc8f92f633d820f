import time

from django.core.management.base import BaseCommand, CommandError

from reports.marketplace_backfill import BATCH_SIZE, backfill
from reports.models import Report


class Command(BaseCommand):
    help = (
        "Work out each report's marketplace (from the fixed list of big marketplaces) again and store it, in "
        "batches with their own transactions. Run it after changing reference/marketplaces.py; safe to stop and "
        "run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=f"Reports per batch ({BATCH_SIZE}).")

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        started = time.monotonic()

        def progress(done, total, changed):
            rate = done / max(time.monotonic() - started, 1e-6)
            self.stdout.write(f"  {done:,}/{total:,} reports read, {changed:,} changed ({rate:,.0f}/s)")

        done, changed = backfill(Report, batch_size=batch_size, progress=progress)
        self.stdout.write(f"Marketplace names checked on {done:,} report(s); {changed:,} changed.")
