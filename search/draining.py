"""Draining the outbox: sending waiting index updates to Elasticsearch, for every registered index.

A batch is handled in one database transaction holding the index's IndexState row lock, so two drains (or a
drain and the end of a rebuild) never write the same index at once. Rows are read first, then the objects, so
what is sent is at least as new as the change that wrote the row. A row is deleted only after Elasticsearch
acknowledged every document of its batch; when the cluster does not answer, the rows stay (their attempts
counted) for the next drain: `search_index --catch-up`, the next change, or the next search that finds the
cluster answering again.
"""

import logging

from django.db import transaction
from django.db.models import Count, F

from . import registry
from .availability import ELASTICSEARCH_ERRORS, is_unavailable
from .connection import is_enabled
from .models import IndexState, PendingIndexUpdate
from .writing import IndexWriteError, ensure_index, write

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
WRITE_ERRORS = (*ELASTICSEARCH_ERRORS, IndexWriteError)


def locked_state(definition):
    """The index's state row, locked until the current transaction ends."""
    IndexState.objects.get_or_create(name=definition.name)
    return IndexState.objects.select_for_update().get(name=definition.name)


def apply(definition, object_ids, index=None, refresh=False):
    """Bring the documents of `object_ids` in `index` (default: the alias) in step with the database."""
    object_ids = set(object_ids)
    objects = list(definition.queryset().filter(pk__in=object_ids))
    gone = object_ids - {obj.pk for obj in objects}
    return write(definition, objects, sorted(gone), index=index, refresh=refresh)


def drain(name=None, refresh=False, batch_size=BATCH_SIZE):
    """Apply waiting updates to one index (or all). Returns how many objects were brought up to date."""
    if not is_enabled():
        return 0
    chosen = registry.definitions() if name is None else [registry.get(name)]
    total = 0
    for definition in chosen:
        while True:
            count, more = drain_batch(definition, refresh=refresh, batch_size=batch_size)
            total += count
            if not more:
                break
    return total


def drain_batch(definition, refresh=False, batch_size=BATCH_SIZE):
    """One batch: returns (objects brought up to date, whether more rows may wait)."""
    with transaction.atomic():
        state = locked_state(definition)
        rows = list(
            PendingIndexUpdate.objects.filter(index=definition.name, kept_for_rebuild=False)
            .order_by("pk")
            .values_list("pk", "object_id")[:batch_size]
        )
        if not rows:
            return 0, False
        row_ids = [pk for pk, _object_id in rows]
        object_ids = {object_id for _pk, object_id in rows}
        try:
            ensure_index(definition)
            apply(definition, object_ids, refresh=refresh)
        except WRITE_ERRORS as error:
            log = logger.warning if isinstance(error, IndexWriteError) or is_unavailable(error) else logger.error
            log(
                "Elasticsearch did not take the %s index updates; %d wait in the outbox: %s",
                definition.name,
                len(object_ids),
                error,
            )
            PendingIndexUpdate.objects.filter(pk__in=row_ids).update(
                attempts=F("attempts") + 1, last_error=str(error)[:1000]
            )
            return 0, False
        waiting = PendingIndexUpdate.objects.filter(pk__in=row_ids)
        if state.rebuild_started_at:
            waiting.update(kept_for_rebuild=True)
        else:
            waiting.delete()
        return len(object_ids), len(rows) == batch_size


def waiting_counts():
    """{index name: rows waiting in the outbox} for every registered index."""
    counts = dict.fromkeys(registry.names(), 0)
    for row in PendingIndexUpdate.objects.values("index").order_by().annotate(count=Count("pk")):
        counts[row["index"]] = row["count"]
    return counts
