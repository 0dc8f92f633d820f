from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from triage.bulk_jobs import fail_stalled


class Command(BaseCommand):
    help = (
        "Mark as failed the running bulk jobs the worker has said nothing about for MINUTES (their worker was "
        "stopped mid-job; what they finished stays). Run it every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.TRIAGE_BULK_STALL_MINUTES,
            metavar="MINUTES",
            help="Minutes without progress (default: TRIAGE_BULK_STALL_MINUTES, 30).",
        )

    def handle(self, *args, older_than, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 minute.")
        count = fail_stalled(older_than)
        self.stdout.write(f"Marked {count} stalled bulk job(s) as failed.")
