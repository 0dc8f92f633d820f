"""`manage.py db_worker`: django-tasks-db's worker, which also records a heartbeat (workers/heartbeat.py).

This app comes before django_tasks_db in INSTALLED_APPS, so this command is the one `manage.py db_worker` runs;
its options are django-tasks-db's own.
"""

import signal
import threading

from django_tasks_db.management.commands import db_worker

SIGNALS = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else [])


class Worker(db_worker.Worker):
    previous_handlers = None

    def configure_signals(self):
        self.previous_handlers = {number: signal.getsignal(number) for number in SIGNALS}
        super().configure_signals()

    def run(self):
        from workers.heartbeat import keep_beating

        try:
            with keep_beating(self.worker_id):
                super().run()
        finally:
            self.restore_signals()

    def restore_signals(self):
        """A worker run inside another program (tests) hands Ctrl+C back to that program's own handlers. Only the
        main thread may set handlers (with --reload the worker runs in another thread, and the process ends)."""
        if self.previous_handlers is None or threading.current_thread() is not threading.main_thread():
            return
        for number, handler in self.previous_handlers.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


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
