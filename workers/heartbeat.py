"""Writing and reading the background worker's heartbeat (workers.models.Heartbeat).

The worker writes one beat when it starts, then a thread of its own writes one every WORKER_HEARTBEAT_SECONDS for
as long as the process lives, also while a long task (a bulk job, an export) keeps the worker's loop busy. A
worker stopped, killed or unable to reach the database stops beating; /readyz reports it once the newest beat is
older than HEALTH_WORKER_MAX_AGE_SECONDS (website/health.py).
"""

import contextlib
import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from .models import Heartbeat

logger = logging.getLogger(__name__)

# Rows of workers gone for longer than this are removed when a worker starts.
FORGOTTEN_AFTER = timedelta(days=1)


def beat(worker_id, now=None):
    """Record that the worker `worker_id` (this process) is alive now."""
    now = now or timezone.now()
    updated = Heartbeat.objects.filter(worker_id=worker_id).update(beat_at=now)
    if not updated:
        Heartbeat.objects.create(
            worker_id=worker_id, host=socket.gethostname()[:255], pid=os.getpid(), started_at=now, beat_at=now
        )


def forget_old(now=None):
    """Remove the rows of workers silent for more than a day (each start of a worker makes a new row)."""
    now = now or timezone.now()
    Heartbeat.objects.filter(beat_at__lt=now - FORGOTTEN_AFTER).delete()


def latest(max_age_seconds, now=None):
    """(when the newest beat was, or None; how many workers beat within `max_age_seconds`)."""
    now = now or timezone.now()
    newest = Heartbeat.objects.aggregate(newest=Max("beat_at"))["newest"]
    alive = Heartbeat.objects.filter(beat_at__gte=now - timedelta(seconds=max_age_seconds)).count()
    return newest, alive


class Beating(threading.Thread):
    """Writes a beat every `interval` seconds until stopped (a daemon: it ends with the process)."""

    def __init__(self, worker_id, interval):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(self.interval):
            try:
                beat(self.worker_id)
            except Exception as error:  # the database away, say: no beat (so /readyz reports it); try again later
                logger.warning("The worker could not record its heartbeat: %s", error)
            finally:
                # A fresh connection for each beat: one kept open would break with a database restart.
                connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=self.interval + 5)


@contextlib.contextmanager
def keep_beating(worker_id, interval=None):
    """Beat once now (in the caller's thread), then every `interval` seconds in a thread until the block ends."""
    interval = interval or settings.WORKER_HEARTBEAT_SECONDS
    try:
        forget_old()
        beat(worker_id)
    except Exception as error:  # no heartbeat table yet (before migrate), say: the worker still runs its tasks
        logger.warning("The worker could not record its first heartbeat: %s", error)
    thread = Beating(worker_id, interval)
    thread.start()
    try:
        yield thread
    finally:
        thread.stop()
