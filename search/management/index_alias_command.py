"""The old per-app index commands (`importers_index`, `triage_index`), kept as aliases of `search_index`."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class IndexAliasCommand(BaseCommand):
    old_name = ""
    index = ""

    @property
    def help(self):
        return f"An alias of `search_index --index {self.index}` (same flags)."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true")
        action.add_argument("--catch-up", action="store_true")
        action.add_argument("--check", action="store_true")

    def handle(self, *args, rebuild=False, catch_up=False, check=False, **options):
        flag = "--rebuild" if rebuild else "--catch-up" if catch_up else "--check"
        self.stdout.write(f"{self.old_name} is an alias: running `search_index --index {self.index} {flag}`.")
        call_command("search_index", "--index", self.index, flag, stdout=self.stdout, stderr=self.stderr)
