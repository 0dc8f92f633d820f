"""manage.py restore <dir>: put a backup back into an empty stack (empty database, file folders and indexes)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from backups import database, manifest, snapshots
from backups.files import copy_folder, is_empty, make_private
from backups.progress import StepsCommand
from search import registry
from search.availability import ELASTICSEARCH_ERRORS
from search.checking import compare_with_database
from search.rebuilding import rebuild

from .backup import FOLDERS


class Command(StepsCommand):
    help = (
        "Restore a backup made by `backup` into an empty stack: an empty database (created, not migrated), empty"
        " report-files and media folders and no search indexes under ELASTICSEARCH_INDEX_PREFIX. The search"
        " indexes come from the snapshot when there is one, otherwise they are rebuilt from the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A directory written by `manage.py backup`.")

    def handle(self, *args, directory, **options):
        directory = Path(directory)
        try:
            contents = manifest.read(directory)
            self.step("1/5 Checking the backup")
            manifest.verify(directory, contents, progress=self.counter("checked"))
            self.stdout.write("")
        except manifest.BackupProblem as problem:
            raise CommandError(str(problem)) from problem
        self.refuse_unless_empty(contents)

        self.step(f"2/5 Database ({contents['database']['file']})")
        database.restore(directory, contents["database"]["file"])

        self.step("3/5 Files")
        for folder, setting in FOLDERS.items():
            target = Path(getattr(settings, setting))
            copied = copy_folder(directory / "files" / folder, target, progress=self.counter(folder))
            self.stdout.write(f"\r  {folder}: {len(copied)} file(s) restored into {target}")
        make_private(settings.REPORT_FILES_ROOT)

        self.step("4/5 Search indexes")
        self.restore_indexes(directory, contents)

        self.step("5/5 Checking what came back")
        self.check_restored(contents)

    def refuse_unless_empty(self, contents):
        problems = []
        if not database.is_empty():
            problems.append("the database has tables already (create an empty one and do not run migrate)")
        for setting in FOLDERS.values():
            if not is_empty(getattr(settings, setting)):
                problems.append(f"{setting} ({getattr(settings, setting)}) is not empty")
        if settings.ELASTICSEARCH_URL:
            try:
                existing = snapshots.existing_site_indexes()
            except ELASTICSEARCH_ERRORS as error:
                raise CommandError(f"Elasticsearch is not answering at ELASTICSEARCH_URL: {error}") from error
            if existing:
                problems.append(
                    f"Elasticsearch already holds indexes named {settings.ELASTICSEARCH_INDEX_PREFIX}-*"
                    f" ({', '.join(existing[:5])})"
                )
        if problems:
            raise CommandError("Nothing was restored: " + "; ".join(problems) + ".")

    def restore_indexes(self, directory, contents):
        if not settings.ELASTICSEARCH_URL:
            self.stdout.write("  skipped: ELASTICSEARCH_URL is not set (the site uses the database search).")
            return
        restored = []
        part = contents.get("elasticsearch")
        if part and settings.ELASTICSEARCH_SNAPSHOT_PATH:
            try:
                restored = snapshots.restore(
                    directory, part, progress=lambda message: self.stdout.write(f"  {message}")
                )
            except (*ELASTICSEARCH_ERRORS, OSError) as error:
                self.stderr.write(
                    self.style.WARNING(
                        f"  The snapshot could not be restored ({error}); rebuilding from the database."
                    )
                )
                restored = []
        elif part:
            self.stdout.write("  ELASTICSEARCH_SNAPSHOT_PATH is not set: rebuilding the indexes from the database.")
        else:
            self.stdout.write("  This backup holds no snapshot: rebuilding the indexes from the database.")
        for definition in registry.definitions():
            if definition.name in restored and compare_with_database(definition).in_step:
                self.stdout.write(f"  {definition.name}: the restored index matches the database")
                continue
            if definition.name in restored:
                self.stdout.write(f"  {definition.name}: the snapshot differs from the database; rebuilding it")
            self.rebuild(definition)

    def rebuild(self, definition):
        def progress(done, total):
            self.stdout.write(f"\r  {definition.name}: {done}/{total} {definition.noun}(s) indexed", ending="")
            self.stdout.flush()

        _name, count = rebuild(definition, progress=progress)
        self.stdout.write(f"\r  {definition.name}: {count} {definition.noun}(s) indexed from the database")

    def check_restored(self, contents):
        counts, attachments = database.read_restored_contents()
        different = {what: (expected, counts.get(what)) for what, expected in contents["counts"].items()}
        different = {what: pair for what, pair in different.items() if pair[0] != pair[1]}
        for what, expected in contents["counts"].items():
            self.stdout.write(f"  {what:<22} {counts.get(what)} (backup: {expected})")
        root = Path(settings.REPORT_FILES_ROOT)
        missing = [name for name in attachments if not (root / name).is_file()]
        if different or missing:
            raise CommandError(
                f"The restore is incomplete: counts differ for {', '.join(different) or 'nothing'};"
                f" {len(missing)} report file(s) missing."
            )
        self.stdout.write(self.style.SUCCESS(f"Restored the backup taken at {contents['started_at']}."))
