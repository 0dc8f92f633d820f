"""Delete report files nobody will ever use (run hourly or daily from cron). See reports/upload_purge.py."""

from django.core.management.base import BaseCommand, CommandError

from reports.upload_purge import UnsafeRoot, files_root, purge_uploads


class Command(BaseCommand):
    help = (
        "Delete files held for unsent report drafts (older than --hours) and files in the report-files folder "
        "that no report points to (older than --orphan-minutes). --dry-run lists them without deleting."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24, help="Age of unsent draft files to delete.")
        parser.add_argument(
            "--orphan-minutes", type=float, default=60, help="Age of files without a database row to delete."
        )
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be deleted.")

    def handle(self, *args, hours, orphan_minutes, dry_run, **options):
        try:
            root = files_root()
        except UnsafeRoot as error:
            raise CommandError(str(error)) from error
        if not root.is_dir():
            self.stdout.write(f"Nothing to do: {root} does not exist.")
            return
        result = purge_uploads(hours, orphan_minutes, dry_run, say=self.stdout.write)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {result.drafts} held file(s) older than {hours:g} hours and {result.orphans} file(s)"
            f" without a report older than {orphan_minutes:g} minutes from {root}; {result.kept} file(s) kept."
        )
