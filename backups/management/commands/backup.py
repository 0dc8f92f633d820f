"""manage.py backup <dir>: a consistent backup of the database, report files, media and search indexes."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from backups import database, manifest, snapshots
from backups.files import checksum, copy_folder
from backups.progress import StepsCommand
from search.availability import ELASTICSEARCH_ERRORS

# The folders copied, by their name in the backup.
FOLDERS = {"report-files": "REPORT_FILES_ROOT", "media": "MEDIA_ROOT"}


class Command(StepsCommand):
    help = (
        "Take a backup into a new, empty directory: the database (pg_dump custom format on PostgreSQL), the files"
        " reporters sent, Wagtail's images and documents, and a snapshot of the search indexes, with a manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new or empty directory to write the backup into.")

    def handle(self, *args, directory, **options):
        directory = Path(directory)
        if directory.exists() and any(directory.iterdir()):
            raise CommandError(f"{directory} is not empty: give a new directory for each backup.")
        directory.mkdir(parents=True, exist_ok=True)
        started = timezone.now()
        backup_id = f"backup-{started:%Y%m%d-%H%M%S}"
        try:
            contents = self.take(directory, backup_id)
        except Exception:
            self.stderr.write(f"The backup failed; removing the incomplete {directory}.")
            shutil.rmtree(directory, ignore_errors=True)
            raise
        contents.update(id=backup_id, started_at=started.isoformat(), finished_at=timezone.now().isoformat())
        manifest.write(directory, contents)
        self.summary(directory, contents)

    def take(self, directory, backup_id):
        self.step(f"1/3 Database ({database.connection.vendor})")
        file_name, counts, attachments = database.dump(directory)
        self.stdout.write(f"  {file_name}: " + ", ".join(f"{count} {what}" for what, count in counts.items()))

        self.step("2/3 Files")
        files = {}
        for folder, setting in FOLDERS.items():
            source = Path(getattr(settings, setting))
            files[folder] = copy_folder(source, directory / "files" / folder, progress=self.counter(folder))
            self.stdout.write(f"\r  {folder}: {len(files[folder])} file(s) copied from {source}")
        problems = self.check_report_files(files["report-files"], attachments)

        self.step("3/3 Search indexes")
        search = self.snapshot(directory, backup_id)
        return {
            "database": {
                "engine": database.connection.vendor,
                "file": file_name,
                "sha256": checksum(directory / file_name),
            },
            "counts": counts,
            "files": files,
            "report_file_problems": problems,
            "elasticsearch": search,
        }

    def check_report_files(self, copied, attachments):
        """Every report file the database names was copied, with the bytes it had when it was stored."""
        by_name = {entry["path"]: entry["sha256"] for entry in copied}
        problems = []
        for name, sha256 in sorted(attachments.items()):
            if name not in by_name:
                problems.append(f"{name}: named by a report but missing from {settings.REPORT_FILES_ROOT}")
            elif by_name[name] != sha256:
                problems.append(f"{name}: its bytes differ from those stored with the report")
        for problem in problems:
            self.stderr.write(self.style.WARNING(f"  Warning: {problem}"))
        if not problems:
            self.stdout.write(
                f"  all {len(attachments)} report file(s) the database names are in the backup, unchanged"
            )
        return problems

    def snapshot(self, directory, backup_id):
        if not settings.ELASTICSEARCH_URL:
            self.stdout.write("  skipped: ELASTICSEARCH_URL is not set (the site uses the database search).")
            return None
        if not settings.ELASTICSEARCH_SNAPSHOT_PATH:
            self.stdout.write(
                "  skipped: ELASTICSEARCH_SNAPSHOT_PATH is not set; `restore` will rebuild the indexes from the"
                " database instead."
            )
            return None
        try:
            part = snapshots.take(directory, backup_id, progress=lambda message: self.stdout.write(f"  {message}"))
        except ELASTICSEARCH_ERRORS as error:
            raise CommandError(
                f"Elasticsearch could not take the snapshot ({error}). Check that ELASTICSEARCH_SNAPSHOT_PATH is"
                " under every node's path.repo, or unset it to back up without the indexes."
            ) from error
        if part is None:
            self.stdout.write("  no index exists yet: nothing to snapshot.")
        return part

    def summary(self, directory, contents):
        counts = contents["counts"]
        files = contents["files"]
        search = contents["elasticsearch"]
        rows = [
            ("reports", counts["reports"]),
            ("report files", f"{counts['report_files']} in the database, {len(files['report-files'])} copied"),
            ("articles", counts["articles"]),
            ("images and documents", f"{counts['images']} + {counts['documents']}, {len(files['media'])} files"),
            (
                "search indexes",
                ", ".join(f"{name} {entry['documents']}" for name, entry in search["indexes"].items())
                if search
                else "not in this backup (restore rebuilds them)",
            ),
        ]
        self.stdout.write("")
        for label, value in rows:
            self.stdout.write(f"  {label:<22} {value}")
        if contents["report_file_problems"]:
            self.stdout.write(self.style.WARNING(f"Backup written to {directory}, with warnings (see above)."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Backup written to {directory}."))
