import sys

from django.core.management.base import BaseCommand, CommandError

from importers import indexing


class Command(BaseCommand):
    help = "Rebuild the trusted importers' Elasticsearch index (a new index, then the alias is swapped)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", required=True, help="Build a new index and swap.")

    def handle(self, *args, **options):
        if not indexing.is_enabled():
            raise CommandError("ELASTICSEARCH_URL is not set; the directory is using the database.")

        def progress(done, total):
            width = 30
            filled = width * done // total if total else width
            sys.stdout.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stdout.flush()

        try:
            name, count = indexing.rebuild(progress=progress)
        except indexing.UNAVAILABLE_ERRORS as error:
            raise CommandError(f"Elasticsearch is not answering: {error}") from error
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} importer(s) into {name}; the alias now points to it."))
