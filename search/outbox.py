"""Recording index updates: the one way any app asks for an object's index entry to be refreshed.

    queue_update("reports", report.pk)

writes an outbox row in the caller's transaction (so the change and the request to index it commit or roll
back together) and, once the transaction commits, asks the background worker to drain the outbox. Nothing
here talks to Elasticsearch: saving never waits for it and never fails because of it.
"""

import functools
import logging

from django.db import transaction

from . import registry
from .connection import is_enabled
from .models import PendingIndexUpdate
from .tasks import drain_pending_updates

logger = logging.getLogger(__name__)


def queue_update(name, object_id):
    queue_updates(name, [object_id])


def queue_updates(name, object_ids):
    """Record that the entries of `object_ids` in index `name` must be brought in step with the database."""
    if not is_enabled():
        return
    registry.get(name)  # a misspelt name fails loudly here, not later in the worker
    rows = [PendingIndexUpdate(index=name, object_id=object_id) for object_id in object_ids if object_id]
    if not rows:
        return
    PendingIndexUpdate.objects.bulk_create(rows)
    _drain_after_commit(name)


def _drain_after_commit(name):
    """One drain per index per transaction, however many objects it changes."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, *_rest in connection.run_on_commit:
            if getattr(callback, "drains_index", None) == name:
                return
    callback = functools.partial(schedule_drain, name)
    callback.drains_index = name
    transaction.on_commit(callback)


def schedule_drain(name=None):
    try:
        drain_pending_updates.enqueue(name)
    except Exception:  # a queue problem must never break saving; the rows wait for `search_index --catch-up`
        logger.exception("Could not queue draining the %s index outbox", name or "search")


def catch_up_if_waiting():
    """Elasticsearch answers again: send the updates that failed while it was away."""
    if PendingIndexUpdate.objects.filter(attempts__gt=0, kept_for_rebuild=False).exists():
        schedule_drain()
