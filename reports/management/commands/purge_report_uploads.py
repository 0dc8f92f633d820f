"""Delete report files nobody will ever use (run hourly or daily from cron).

Two kinds, anywhere under REPORT_FILES_ROOT:
- files held for report drafts that were never sent (tmp/<draft>/...), older than --hours (default 24);
- files with no Attachment row (the server died while saving a report, or a row was deleted without its file),
  older than --orphan-minutes (default 60), so a report being saved right now keeps its files.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.models import Attachment
from reports.uploads import TMP_FOLDER

BATCH = 500


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
        root = Path(settings.REPORT_FILES_ROOT).resolve()
        if root == Path(root.anchor) or Path(settings.BASE_DIR).resolve().is_relative_to(root):
            raise CommandError(f"REPORT_FILES_ROOT is {root}; refusing to purge a folder that holds the site.")
        if not root.is_dir():
            self.stdout.write(f"Nothing to do: {root} does not exist.")
            return
        now = time.time()
        draft_cutoff = now - hours * 3600
        orphan_cutoff = now - orphan_minutes * 60
        verb = "Would delete" if dry_run else "Deleted"
        counts = {"drafts": 0, "orphans": 0, "kept": 0}

        for folder, _subfolders, files in os.walk(root, topdown=False):
            folder = Path(folder)
            relative_folder = folder.relative_to(root).as_posix()
            in_tmp = relative_folder == TMP_FOLDER or relative_folder.startswith(f"{TMP_FOLDER}/")
            for start in range(0, len(files), BATCH):
                names = files[start : start + BATCH]
                stored = {(folder / name).relative_to(root).as_posix(): folder / name for name in names}
                known = (
                    set() if in_tmp else set(Attachment.objects.filter(file__in=stored).values_list("file", flat=True))
                )
                for name, path in stored.items():
                    if name in known:
                        counts["kept"] += 1
                        continue
                    try:
                        modified = path.lstat().st_mtime
                    except FileNotFoundError:
                        continue
                    kind, cutoff = ("drafts", draft_cutoff) if in_tmp else ("orphans", orphan_cutoff)
                    if modified >= cutoff:
                        counts["kept"] += 1
                        continue
                    reason = "unsent draft" if in_tmp else "no report points to it"
                    age = (now - modified) / 3600
                    self.stdout.write(f"{verb} {name} ({reason}, {age:.1f} hours old)")
                    if not dry_run:
                        path.unlink(missing_ok=True)
                    counts[kind] += 1
            if folder != root and not dry_run and not any(folder.iterdir()):
                folder.rmdir()

        self.stdout.write(
            f"{verb} {counts['drafts']} held file(s) older than {hours:g} hours and {counts['orphans']} file(s)"
            f" without a report older than {orphan_minutes:g} minutes from {root}; {counts['kept']} file(s) kept."
        )
