import sys

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.connection import is_enabled


class Command(BaseCommand):
    help = "Manage the library's Elasticsearch index."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="Build a new index, then swap the alias to it.")
        action.add_argument("--catch-up", action="store_true", help="Apply index updates waiting in the outbox.")
        action.add_argument(
            "--check", action="store_true", help="Report differences between the database and the index."
        )

    def handle(self, *args, rebuild=False, catch_up=False, check=False, **options):
        if not is_enabled():
            raise CommandError("ELASTICSEARCH_URL is not set; the site is using the database search.")
        try:
            if rebuild:
                self.rebuild_index()
            elif catch_up:
                count = indexing.drain_pending_updates()
                waiting = indexing.PendingIndexUpdate.objects.count()
                self.stdout.write(f"Brought {count} article(s) up to date; {waiting} update(s) still waiting.")
                if waiting:
                    raise CommandError("Elasticsearch did not take every update; see the log.")
            elif check:
                self.check_index()
        except indexing.UNAVAILABLE_ERRORS as error:
            raise CommandError(f"Elasticsearch is not answering: {error}") from error

    def rebuild_index(self):
        def progress(done, total):
            width = 30
            filled = width * done // total if total else width
            sys.stdout.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stdout.flush()

        name, count = indexing.rebuild(progress=progress)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} article(s) into {name}; the alias now points to it."))

    def check_index(self):
        missing, extra, stale = indexing.compare_with_database()
        for label, ids in (
            ("missing from the index", missing),
            ("in the index but not live", extra),
            ("out of date", stale),
        ):
            if ids:
                self.stdout.write(f"{len(ids)} article(s) {label}: page ids {', '.join(map(str, sorted(ids)))}")
        if missing or extra or stale:
            raise CommandError("The index differs from the database; run `search_index --rebuild` or `--catch-up`.")
        self.stdout.write(self.style.SUCCESS("The index matches the database."))
