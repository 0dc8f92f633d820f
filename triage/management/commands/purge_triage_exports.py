from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from triage.bulk_jobs import delete_old_exports


class Command(BaseCommand):
    help = "Delete the files of CSV exports older than HOURS, and export files no job points to (run it daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.TRIAGE_EXPORT_KEEP_HOURS,
            metavar="HOURS",
            help="Hours since the export finished (default: TRIAGE_EXPORT_KEEP_HOURS, 72).",
        )

    def handle(self, *args, older_than, **options):
        if older_than < 0:
            raise CommandError("--older-than must be zero or more hours.")
        count = delete_old_exports(older_than)
        self.stdout.write(f"Deleted {count} export file(s) older than {older_than} hours.")
