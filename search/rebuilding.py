"""Rebuilding an index from the database without losing an update made meanwhile.

1. A new timestamped index is created (no refreshes while loading) and the index's IndexState is marked
   "rebuild under way" (under the drain lock, so no drain is half-way through a batch).
2. Every indexable object is loaded into it in bulk requests, with progress reported after each batch.
   Meanwhile changes keep reaching the live index through the outbox, but their rows are kept
   (`kept_for_rebuild`) instead of deleted.
3. Under the drain lock: every object with a row in the outbox is written again into the new index from what
   the database holds now (this covers every change the bulk load may have missed or overtaken), then the
   alias is swapped in one atomic call, the rows are deleted and the mark is cleared. Changes committed after
   that point are drained into the new index as usual.
4. The old indexes are deleted.
"""

import logging
from concurrent.futures import ThreadPoolExecutor

from django.db import transaction
from django.utils import timezone

from .connection import get_client
from .draining import apply, drain, locked_state
from .models import IndexState, PendingIndexUpdate
from .writing import create_index, finish_loading, new_index_name, swap_alias, write_actions

logger = logging.getLogger(__name__)


def rebuild(definition, progress=None, batch_size=None, after_batch=None):
    """Fill a brand-new index from the database, then point the alias at it. Returns (index name, count).

    `progress(done, total)` is called after each batch; `after_batch()` too (tests change objects there).
    """
    batch_size = batch_size or definition.batch_size
    client = get_client()
    name = create_index(definition, new_index_name(definition), loading=True)
    with transaction.atomic():
        state = locked_state(definition)
        state.rebuild_started_at, state.rebuild_index = timezone.now(), name
        state.save(update_fields=["rebuild_started_at", "rebuild_index"])
    try:
        done = load(definition, name, batch_size, progress, after_batch)
        finish_loading(name)
        with transaction.atomic():
            state = locked_state(definition)
            rows = list(PendingIndexUpdate.objects.filter(index=definition.name).values_list("pk", "object_id"))
            if rows:
                apply(definition, {object_id for _pk, object_id in rows}, index=name, refresh=True)
            PendingIndexUpdate.objects.filter(pk__in=[pk for pk, _object_id in rows]).delete()
            state.rebuild_started_at, state.rebuild_index = None, ""
            state.save(update_fields=["rebuild_started_at", "rebuild_index"])
            # Last, so that a refused swap rolls the database back with it.
            old = swap_alias(definition, name)
    except BaseException:
        _abandon(definition, name)
        raise
    for index in old:
        client.indices.delete(index=index, ignore_unavailable=True)
    # Changes committed while the alias moved wait in the outbox: send them to the new index now.
    drain(definition.name)
    return name, done


def load(definition, name, batch_size, progress=None, after_batch=None):
    """Bulk-load every indexable object into index `name`. Returns how many documents were written.

    The database is read and the documents built here while the previous batch's bulk request runs in a
    second thread, so the cluster's analysis and Python's work overlap (at most one request in flight).
    """
    total = definition.queryset().count()
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"rebuild-{definition.name}") as sender:
        in_flight = None
        for batch in definition.batches(batch_size):
            actions = [{"_index": name, "_id": pk, "_source": source} for pk, source in batch]
            if in_flight:
                done += in_flight.result()
                if progress:
                    progress(done, total)
                if after_batch:
                    after_batch()
            in_flight = sender.submit(write_actions, actions, chunk_size=batch_size)
        if in_flight:
            done += in_flight.result()
            if after_batch:
                after_batch()
    if progress:
        progress(done, total)
    return done


def _abandon(definition, name):
    """A failed rebuild leaves the live index as it was: the kept rows go back to waiting, the new index goes."""
    with transaction.atomic():
        IndexState.objects.filter(name=definition.name, rebuild_index=name).update(
            rebuild_started_at=None, rebuild_index=""
        )
        PendingIndexUpdate.objects.filter(index=definition.name, kept_for_rebuild=True).update(kept_for_rebuild=False)
    try:
        get_client().indices.delete(index=name, ignore_unavailable=True)
    except Exception:  # noqa: BLE001 - the cluster may be the reason the rebuild failed
        logger.warning("Could not delete the abandoned index %s", name)
