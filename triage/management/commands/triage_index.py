from django.core.management.base import BaseCommand, CommandError

from search.connection import is_enabled
from triage import indexing


class Command(BaseCommand):
    help = "Rebuild the reports index (similar reports, trends) from the database, then swap the alias to it."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", required=True)

    def handle(self, *args, **options):
        if not is_enabled():
            raise CommandError("ELASTICSEARCH_URL is not set; similar reports and trends use the database.")

        def progress(done, total):
            self.stdout.write(f"\r{done}/{total} reports", ending="")
            self.stdout.flush()

        try:
            name, count = indexing.rebuild(progress=progress)
        except indexing.UNAVAILABLE_ERRORS as error:
            raise CommandError(f"Elasticsearch is not answering: {error}") from error
        self.stdout.write(f"\nIndexed {count} report(s) into {name}.")
