from django.db import transaction
from django_tasks import task

from . import draining
from .search_counts import add_counts


@task()
def drain_pending_updates(index=None):
    """Send the index updates waiting in the outbox (for one index, or all when `index` is None)."""
    return draining.drain(index)


@task()
def record_search_counts(rows):
    """Add the search counts a server process buffered (search/analytics.py) to the search statistics."""
    with transaction.atomic():  # all or nothing: a failed task's counts go back to the buffer once
        add_counts(rows)
    return len(rows)
