"""What `manage.py backup` and `restore` print while they work: a heading per step and a file counter."""

from django.core.management.base import BaseCommand


class StepsCommand(BaseCommand):
    def step(self, title):
        self.stdout.write(self.style.MIGRATE_HEADING(title))

    def counter(self, label):
        def progress(done, total):
            self.stdout.write(f"\r  {label}: {done}/{total} file(s)", ending="")
            self.stdout.flush()

        return progress
