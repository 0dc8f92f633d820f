import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from triage.retention import purge_reporter_data

logger = logging.getLogger("triage.retention")


class Command(BaseCommand):
    help = "Remove reporter contact details from reports closed more than DAYS ago (run it from cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.TRIAGE_CONTACT_RETENTION_DAYS,
            metavar="DAYS",
            help="Days since closing (default: TRIAGE_CONTACT_RETENTION_DAYS, 365).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be removed; change nothing.")

    def handle(self, *args, older_than, dry_run=False, **options):
        if older_than < 0:
            raise CommandError("--older-than must be zero or more days.")
        count = purge_reporter_data(older_than, dry_run=dry_run)
        if dry_run:
            message = f"{count} closed report(s) hold contact details older than {older_than} days (dry run: nothing removed)."
        else:
            message = f"Removed the reporter contact details from {count} closed report(s) closed over {older_than} days ago."
            logger.info(message)
        self.stdout.write(message)
