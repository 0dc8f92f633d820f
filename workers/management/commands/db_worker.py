"""`manage.py db_worker`: django-tasks-db's worker, which also records a heartbeat (workers/heartbeat.py).

This app comes before django_tasks_db in INSTALLED_APPS, so this command is the one `manage.py db_worker` runs;
its options are django-tasks-db's own.
"""

from django_tasks_db.management.commands import db_worker


class Worker(db_worker.Worker):
    def run(self):
        from workers.heartbeat import keep_beating

        try:
            with keep_beating(self.worker_id):
                super().run()
        finally:
            self.reset_signals()  # a worker run inside another program (tests) hands Ctrl+C back to it


class Command(db_worker.Command):
    help = "Run a database background worker (it records a heartbeat that /readyz reads)"

    def handle(self, *args, **options):
        # django-tasks-db's handle() builds `Worker` from its module: give it this one for the call.
        original = db_worker.Worker
        db_worker.Worker = Worker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
