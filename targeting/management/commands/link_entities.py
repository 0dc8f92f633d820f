"""Link existing reports to their entities (reports received before this app, or while the worker was away).

    manage.py link_entities [--batch-size 2000] [--since-id N]

Safe to run again: links are made once. Prints its progress; ends by recounting every entity and making the
leads that cross the thresholds.
"""

import time

from django.core.management.base import BaseCommand

from reports.models import Report
from targeting import leads, linking
from targeting.models import Lead

FIELDS = [
    "pk",
    "seller_name",
    "brand",
    "listing_url",
    "description",
    "submitted_at",
    "harm",
    "product_category_id",
    "marketplace_name",
    "shipped_from_country",
    "contact__phone",
    "contact__email",
    "upc",
]


class Command(BaseCommand):
    help = "Link existing reports to the entities they name, with progress, then make the leads."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--since-id", type=int, default=0, help="Start after this report id (to resume).")

    def handle(self, *args, batch_size, since_id, **options):
        reports = Report.objects.filter(pk__gt=since_id).select_related("contact").order_by("pk")
        total = reports.count()
        done, last, started = 0, since_id, time.monotonic()
        self.stdout.write(f"Linking {total} reports to their entities.")
        while True:
            batch = list(reports.filter(pk__gt=last).only(*FIELDS)[:batch_size])
            if not batch:
                break
            linking.link_reports(batch, recount=False)
            done += len(batch)
            last = batch[-1].pk
            rate = done / max(time.monotonic() - started, 0.001)
            self.stdout.write(
                f"  {done}/{total} reports ({100 * done // max(total, 1)}%), up to id {last}, {rate:.0f} a second"
            )
        self.stdout.write("Counting each entity's reports.")
        linking.recount_entities()
        before = Lead.objects.count()
        leads.promote()
        made = Lead.objects.count() - before
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f} s: {made} new lead(s)."))
