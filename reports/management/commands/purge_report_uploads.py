"""Delete photos held for report drafts that were never sent (run daily from cron)."""

import time

from django.core.management.base import BaseCommand

from reports.storage import get_report_file_storage
from reports.uploads import TMP_FOLDER


class Command(BaseCommand):
    help = "Delete files held for unsent report drafts that are older than --hours (default 24)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=24)

    def handle(self, *args, hours, **options):
        storage = get_report_file_storage()
        root = storage.path(TMP_FOLDER)
        cutoff = time.time() - hours * 3600
        deleted = 0
        if storage.exists(TMP_FOLDER):
            folders, _files = storage.listdir(TMP_FOLDER)
            for folder in folders:
                _subfolders, files = storage.listdir(f"{TMP_FOLDER}/{folder}")
                for name in files:
                    path = f"{TMP_FOLDER}/{folder}/{name}"
                    if storage.get_modified_time(path).timestamp() < cutoff:
                        storage.delete(path)
                        deleted += 1
                if not storage.listdir(f"{TMP_FOLDER}/{folder}")[1]:
                    storage.delete(f"{TMP_FOLDER}/{folder}")
        self.stdout.write(f"Deleted {deleted} held file(s) older than {hours:g} hours from {root}.")
