"""Counting what people search for, without keeping anything that could identify them, and without writing to the
database while someone waits for their results.

A search adds to a buffer in the server process's memory (`record_search`: no database access). After a
response has been sent, once the oldest count in the buffer is `SEARCH_ANALYTICS_FLUSH_SECONDS` old (30 s) or
the buffer holds 500 different queries, the buffer is handed to the background worker as one task
(search/tasks.py `record_search_counts`, run by `manage.py db_worker`), which adds the counts to
SearchQueryStat (search/search_counts.py). So a busy library search writes once a flush, not once a search,
and never in the request.
Counts still in memory are handed over when the process exits; a task that could not run (a locked SQLite
database, for instance) puts its counts back into the buffer for the next flush.
"""

import atexit
import logging
import re
import threading
import time

from django.conf import settings
from django.core.signals import request_finished
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from .pasted import find_pasted
from .tasks import record_search_counts

logger = logging.getLogger(__name__)

# Things that look like contact details or reference numbers are never stored: these, and every tracking number the
# search page recognises (search/pasted.py), however it was typed ("cf7k2m9qxd").
PERSONAL = re.compile(r"@|\d[\d\s().-]{6,}\d|\b[A-Z]{2}\d{9}[A-Z]{2}\b|CF-[A-Z0-9]{4}-[A-Z0-9]{4}", re.IGNORECASE)
REDACTED = "[personal details removed]"
MAX_BUFFERED_QUERIES = 500


def normalise(query):
    query = " ".join(query.lower().split())[:200]
    return REDACTED if PERSONAL.search(query) or find_pasted(query) else query


class CountBuffer:
    """{(query, date): [searches, zero-result searches, last result count]}, shared by the process's threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = {}
        self._since = None

    def add(self, query, date, searches, zero_result_searches, last_result_count):
        with self._lock:
            counts = self._counts.setdefault((query, date), [0, 0, 0])
            counts[0] += searches
            counts[1] += zero_result_searches
            counts[2] = last_result_count
            if self._since is None:
                self._since = time.monotonic()

    def due(self):
        with self._lock:
            if self._since is None:
                return False
            age = time.monotonic() - self._since
            return age >= settings.SEARCH_ANALYTICS_FLUSH_SECONDS or len(self._counts) >= MAX_BUFFERED_QUERIES

    def take(self):
        """Empty the buffer and give its rows: [query, date (ISO), searches, zero-result searches, last count]."""
        with self._lock:
            rows = [[query, date, *counts] for (query, date), counts in self._counts.items()]
            self._counts = {}
            self._since = None
        return rows


buffer = CountBuffer()


def record_search(query, result_count):
    """Count one search (in memory; see the module's docstring for when it reaches the database)."""
    if not query:
        return
    buffer.add(normalise(query), timezone.localdate().isoformat(), 1, 1 if result_count == 0 else 0, result_count)


def flush():
    """Hand the buffered counts to the background worker; keep them when the queue does not take them."""
    rows = buffer.take()
    if not rows:
        return
    try:
        result = record_search_counts.enqueue(rows)
    except Exception:  # a queue problem must never lose the counts or break a page
        logger.exception("Could not queue %s search count(s); keeping them for the next flush", len(rows))
        result = None
    if result is None or result.status == TaskResultStatus.FAILED:
        for row in rows:
            buffer.add(*row)


def flush_if_due(**kwargs):
    if buffer.due():
        flush()


# After the response has been sent (Django sends request_finished when the server closes it).
request_finished.connect(flush_if_due, dispatch_uid="search-analytics-flush")
atexit.register(flush)
