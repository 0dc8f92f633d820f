from django.core.management.base import BaseCommand, CommandError

from importers.importing import CREATED, FAILED, UNCHANGED, UPDATED, import_records, parse_csv
from search.writing import refresh_now


class Command(BaseCommand):
    help = "Import trusted importers from a CSV file (columns: see README, 'Trusted importer directory')."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the UTF-8 .csv file.")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text") from error

        records, errors = parse_csv(text)
        for error in errors:
            self.stderr.write(self.style.ERROR(str(error)))

        def progress(position, total, record, outcome):
            self.stdout.write(f"[{position}/{total}] row {record.row_number}: {outcome:<9} {record.legal_name}")

        counts, failures = import_records(records, source=f"import_importers {file}", progress=progress)
        for error in failures:
            self.stderr.write(self.style.ERROR(str(error)))
        counts[FAILED] += len(errors)
        refresh_now("importers")

        summary = ", ".join(f"{counts[key]} {key}" for key in (CREATED, UPDATED, UNCHANGED, FAILED))
        self.stdout.write(self.style.SUCCESS(f"Done: {summary}."))
        if counts[FAILED]:
            raise CommandError(f"{counts[FAILED]} row(s) failed; fix them and run the import again.")
