"""Add a few demo reports to the triage queue (development and `make screenshots` only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from triage.demo import load_demo_reports


class Command(BaseCommand):
    help = "Add demo reports to the triage queue (idempotent; refused when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo reports are for development only (DEBUG is off).")
        added = load_demo_reports()
        self.stdout.write(f"Added {added} demo report(s)." if added else "The demo reports are already there.")
