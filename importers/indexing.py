"""Keeping the importers index in step with the database.

Reads and writes go through the alias `<ELASTICSEARCH_INDEX_PREFIX>-importers`. A saved or deleted importer is
(re)indexed by a background task after the transaction commits. When the cluster does not answer, the change
is logged and skipped and the directory answers from the database meanwhile; `manage.py importers_index
--rebuild` brings the index back in step (run it after an outage, or from cron).
"""

import logging
from datetime import UTC, datetime

from django.conf import settings
from django.db import transaction
from elasticsearch import NotFoundError
from elasticsearch.dsl import Index
from elasticsearch.helpers import bulk

from search.connection import get_client, is_enabled
from search.indexing import UNAVAILABLE_ERRORS

from .documents import ImporterDocument

logger = logging.getLogger(__name__)

__all__ = ["UNAVAILABLE_ERRORS", "is_enabled"]


def importers_alias():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-importers"


def new_index_name():
    return f"{importers_alias()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"


def create_index(name):
    index = Index(name, using=get_client())
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(ImporterDocument)
    index.create()
    return name


def ensure_index():
    client = get_client()
    if not client.indices.exists_alias(name=importers_alias()):
        name = create_index(new_index_name())
        client.indices.put_alias(index=name, name=importers_alias())


def indexable_importers():
    from .models import Importer

    return Importer.objects.prefetch_related("trade_names", "identifiers").order_by("pk")


def _action(importer, index):
    document = ImporterDocument.from_importer(importer)
    return {**document.to_dict(include_meta=True, skip_empty=False), "_index": index}


def index_importers(importers, index=None, refresh=False):
    actions = (_action(importer, index or importers_alias()) for importer in importers)
    count, _errors = bulk(get_client(), actions, refresh=refresh, raise_on_error=True)
    return count


def index_importer_now(importer_id, refresh=False):
    """Index one importer, or remove it when it is gone. Returns False when the cluster did not answer."""
    if not is_enabled():
        return False
    try:
        ensure_index()
        importer = indexable_importers().filter(pk=importer_id).first()
        if importer is None:
            try:
                get_client().delete(index=importers_alias(), id=importer_id, refresh=refresh)
            except NotFoundError:
                pass
        else:
            index_importers([importer], refresh=refresh)
    except UNAVAILABLE_ERRORS as error:
        logger.warning(
            "Elasticsearch unavailable; importer %s not indexed (run importers_index --rebuild): %s",
            importer_id,
            error,
        )
        return False
    return True


def queue_importer(importer_id):
    """Index the importer in the background once the current transaction commits."""
    if not is_enabled() or importer_id is None:
        return

    def enqueue():
        from .tasks import index_importer

        try:
            index_importer.enqueue(importer_id)
        except Exception:  # a queue problem must never break saving an importer
            logger.exception("Could not queue indexing of importer %s", importer_id)

    transaction.on_commit(enqueue)


def rebuild(progress=None, batch_size=500):
    """Fill a brand-new index, then point the alias at it in one atomic call."""
    client = get_client()
    alias = importers_alias()
    name = create_index(new_index_name())
    importers = indexable_importers()
    total = importers.count()
    done = 0
    batch = []
    for importer in importers.iterator(chunk_size=batch_size):
        batch.append(importer)
        if len(batch) >= batch_size:
            done += index_importers(batch, index=name)
            batch = []
            if progress:
                progress(done, total)
    if batch:
        done += index_importers(batch, index=name)
    if progress:
        progress(done, total)
    client.indices.refresh(index=name)
    old = list(client.indices.get_alias(name=alias).keys()) if client.indices.exists_alias(name=alias) else []
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    if not old and client.indices.exists(index=alias):
        client.indices.delete(index=alias)
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for index in old:
        client.indices.delete(index=index)
    return name, done


def refresh():
    if not is_enabled():
        return
    try:
        get_client().indices.refresh(index=importers_alias(), ignore_unavailable=True)
    except UNAVAILABLE_ERRORS as error:
        logger.warning("Could not refresh the importers index: %s", error)


def delete_all_indexes():
    get_client().indices.delete(index=f"{importers_alias()}*", ignore_unavailable=True, allow_no_indices=True)
