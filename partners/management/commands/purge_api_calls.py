from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from partners.models import ApiCall

BATCH = 5000


class Command(BaseCommand):
    help = "Delete partner API call log rows older than DAYS (run it from cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.PARTNER_API_LOG_RETENTION_DAYS,
            metavar="DAYS",
            help="Age in days (default: PARTNER_API_LOG_RETENTION_DAYS, 400).",
        )

    def handle(self, *args, older_than, **options):
        if older_than < 1:
            raise CommandError("--older-than must be 1 day or more.")
        old = ApiCall.objects.filter(at__lt=timezone.now() - timedelta(days=older_than))
        total = old.count()
        deleted = 0
        while True:
            ids = list(old.values_list("pk", flat=True)[:BATCH])
            if not ids:
                break
            deleted += ApiCall.objects.filter(pk__in=ids).delete()[0]
            self.stdout.write(f"  {deleted:,} of {total:,} deleted")
        self.stdout.write(f"Deleted {deleted:,} API call log row(s) older than {older_than} days.")
