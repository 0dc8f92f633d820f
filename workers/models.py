"""A background worker's heartbeat: each running `manage.py db_worker` writes when it was last alive, in the
database every web server reads, so /readyz can tell that no worker runs even when no task is waiting."""

from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """One running worker process (one row per start; rows older than a day are removed when a worker starts)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-beat_at"]

    def __str__(self):
        return f"{self.host}:{self.pid} ({self.worker_id})"
