import sys

from django.core.management.base import BaseCommand, CommandError

from library.importing import CREATED, FAILED, UNCHANGED, UPDATED, import_record, parse_lines
from search.draining import drain
from search.writing import refresh_now
from website.site_tree import ensure_site_tree, site_tree_is_complete


class Command(BaseCommand):
    help = "Import library articles from a JSON Lines file (format: shared/library-import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the .jsonl file, or - for standard input.")

    def handle(self, *args, file, **options):
        try:
            lines = sys.stdin.readlines() if file == "-" else open(file, encoding="utf-8").readlines()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text") from error

        if not site_tree_is_complete():
            # A freshly migrated database has no home page or library yet: make them, as `setup_site` does.
            self.stdout.write("The site's page tree is missing; setting it up first (as manage.py setup_site does).")
            ensure_site_tree(report=self.stdout.write)

        records, errors = parse_lines(lines)
        for error in errors:
            self.stderr.write(self.style.ERROR(str(error)))

        counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0, FAILED: len(errors)}
        total = len(records)
        for position, record in enumerate(records, start=1):
            try:
                outcome = import_record(record)
            except (LookupError, ValueError) as error:
                counts[FAILED] += 1
                self.stderr.write(self.style.ERROR(f"line {record.line_number}: {error}"))
                continue
            counts[outcome] += 1
            self.stdout.write(f"[{position}/{total}] {outcome:<9} {record.slug}")

        # Imported articles are searchable as soon as the command ends.
        drain("library")
        refresh_now("library")

        summary = ", ".join(f"{counts[key]} {key}" for key in (CREATED, UPDATED, UNCHANGED, FAILED))
        self.stdout.write(self.style.SUCCESS(f"Done: {summary}."))
        if counts[FAILED]:
            raise CommandError(f"{counts[FAILED]} line(s) failed; fix them and run the import again.")
