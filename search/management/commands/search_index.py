from django.core.management.base import BaseCommand, CommandError

from search import registry
from search.availability import ELASTICSEARCH_ERRORS, is_unavailable
from search.checking import compare_with_database
from search.connection import is_enabled
from search.draining import drain, waiting_counts
from search.rebuilding import rebuild


class Command(BaseCommand):
    help = "Rebuild, check or catch up the site's Elasticsearch indexes (library, importers, reports)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--index",
            default="all",
            help="Which index: library, importers, reports, or all (the default).",
        )
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="Build a new index, then swap the alias to it.")
        action.add_argument("--catch-up", action="store_true", help="Apply index updates waiting in the outbox.")
        action.add_argument(
            "--check", action="store_true", help="Report differences between the database and the index."
        )

    def handle(self, *args, index="all", rebuild=False, catch_up=False, check=False, **options):
        if index != "all" and index not in registry.names():
            raise CommandError(f"Unknown index {index!r}: choose one of {', '.join(registry.names())} or all.")
        if not is_enabled():
            raise CommandError("ELASTICSEARCH_URL is not set; the site is using the database search.")
        definitions = registry.definitions() if index == "all" else [registry.get(index)]
        try:
            if rebuild:
                for definition in definitions:
                    self.rebuild_index(definition)
            elif catch_up:
                self.catch_up(definitions)
            elif check:
                self.check_indexes(definitions)
        except ELASTICSEARCH_ERRORS as error:
            if not is_unavailable(error):
                raise
            raise CommandError(f"Elasticsearch is not answering: {error}") from error

    def rebuild_index(self, definition):
        noun = definition.noun

        def progress(done, total):
            width = 30
            filled = width * done // total if total else width
            bar = f"[{'#' * filled}{'.' * (width - filled)}]"
            self.stdout.write(f"\r  {definition.name}: {bar} {done}/{total}", ending="")
            self.stdout.flush()

        name, count = rebuild(definition, progress=progress)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} {noun}(s) into {name}; the alias now points to it."))

    def catch_up(self, definitions):
        failed = []
        for definition in definitions:
            count = drain(definition.name)
            waiting = waiting_counts()[definition.name]
            self.stdout.write(
                f"{definition.name}: brought {count} {definition.noun}(s) up to date; {waiting} update(s) still waiting."
            )
            if waiting:
                failed.append(definition.name)
        if failed:
            raise CommandError(f"Elasticsearch did not take every update ({', '.join(failed)}); see the log.")

    def check_indexes(self, definitions):
        differ = []
        for definition in definitions:
            comparison = compare_with_database(definition)
            noun = definition.noun
            for label, ids in (
                ("missing from the index", comparison.missing),
                ("in the index but not in the database (or no longer indexed)", comparison.extra),
                ("out of date", comparison.stale),
            ):
                if ids:
                    shown = ", ".join(map(str, sorted(ids)[:50])) + (" ..." if len(ids) > 50 else "")
                    self.stdout.write(f"{definition.name}: {len(ids)} {noun}(s) {label}: ids {shown}")
            if comparison.waiting:
                self.stdout.write(f"{definition.name}: {comparison.waiting} update(s) wait in the outbox.")
            if comparison.rebuild_started_at:
                self.stdout.write(
                    f"{definition.name}: a rebuild started at {comparison.rebuild_started_at:%Y-%m-%d %H:%M} "
                    "has not finished; if it stopped, run --rebuild again."
                )
            if comparison.in_step:
                self.stdout.write(self.style.SUCCESS(f"{definition.name}: the index matches the database."))
            else:
                differ.append(definition.name)
        if differ:
            raise CommandError(
                f"The {', '.join(differ)} index differs from the database; run `search_index --catch-up` "
                "(or `--rebuild`)."
            )
