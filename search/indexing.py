"""Keeping the library index in step with published articles.

Every write goes through the alias returned by `library_alias()`. A rebuild
creates a fresh index, fills it, then swaps the alias in one atomic call, so
searches never see an empty or half-built index.
"""

import logging
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import F
from elastic_transport import TransportError
from elasticsearch import NotFoundError
from elasticsearch import TransportError as ClientTransportError
from elasticsearch.dsl import Index
from elasticsearch.helpers import bulk

from .connection import get_client, is_enabled, library_alias
from .documents import ArticleDocument
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

# Errors meaning "the cluster is unreachable or unhappy": the change waits in the outbox.
UNAVAILABLE_ERRORS = (TransportError, ClientTransportError, ConnectionError)


def new_index_name():
    return f"{library_alias()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"


def create_index(name):
    index = Index(name, using=get_client())
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(ArticleDocument)
    index.create()
    return name


def ensure_index():
    """Create the index and alias when they do not exist yet."""
    client = get_client()
    if not client.indices.exists_alias(name=library_alias()):
        name = create_index(new_index_name())
        client.indices.put_alias(index=name, name=library_alias())


def indexable_articles():
    from library.models import ArticlePage

    return (
        ArticlePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related("topics", "audience")
        .order_by("pk")
    )


def _action(document, index):
    return {**document.to_dict(include_meta=True, skip_empty=False), "_index": index}


def index_pages(pages, index=None, refresh=False):
    client = get_client()
    index = index or library_alias()
    actions = (_action(ArticleDocument.from_page(page), index) for page in pages)
    count, _errors = bulk(client, actions, refresh=refresh, raise_on_error=True)
    return count


def delete_pages(page_ids, refresh=False):
    client = get_client()
    for page_id in page_ids:
        try:
            client.delete(index=library_alias(), id=page_id, refresh=refresh)
        except NotFoundError:
            pass


def queue_update(page_id, action=PendingIndexUpdate.INDEX):
    """Record a change (inside the caller's transaction) and drain the outbox after commit."""
    if not is_enabled():
        return
    PendingIndexUpdate.objects.create(page_id=page_id, action=action)
    transaction.on_commit(schedule_drain)


def schedule_drain():
    from .tasks import drain_pending_updates

    drain_pending_updates.enqueue()


def drain_pending_updates(refresh=False):
    """Apply waiting changes. Returns how many pages were brought up to date.

    When the cluster does not answer, the rows stay for the next attempt and
    the error is logged; publishing is never held up by this.
    """
    if not is_enabled():
        return 0
    pending = list(PendingIndexUpdate.objects.order_by("pk"))
    if not pending:
        return 0
    latest = {}
    for update in pending:
        latest[update.page_id] = update
    try:
        ensure_index()
        live = {page.pk: page for page in indexable_articles().filter(pk__in=latest)}
        to_index = [live[page_id] for page_id in latest if page_id in live]
        to_delete = [page_id for page_id in latest if page_id not in live]
        if to_index:
            index_pages(to_index, refresh=refresh)
        delete_pages(to_delete, refresh=refresh)
    except UNAVAILABLE_ERRORS as error:
        logger.warning("Elasticsearch unavailable; %d index updates wait in the outbox: %s", len(latest), error)
        PendingIndexUpdate.objects.filter(pk__in=[u.pk for u in pending]).update(
            attempts=F("attempts") + 1, last_error=str(error)[:1000]
        )
        return 0
    PendingIndexUpdate.objects.filter(pk__lte=pending[-1].pk).delete()
    return len(latest)


def rebuild(progress=None, batch_size=200):
    """Fill a brand-new index from the database, then point the alias at it."""
    client = get_client()
    alias = library_alias()
    started = datetime.now(UTC)
    name = create_index(new_index_name())
    articles = indexable_articles()
    total = articles.count()
    done = 0
    batch = []
    for page in articles.iterator(chunk_size=batch_size):
        batch.append(page)
        if len(batch) >= batch_size:
            done += index_pages(batch, index=name)
            batch = []
            if progress:
                progress(done, total)
    if batch:
        done += index_pages(batch, index=name)
    if progress:
        progress(done, total)
    client.indices.refresh(index=name)
    old = list(client.indices.get_alias(name=alias).keys()) if client.indices.exists_alias(name=alias) else []
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    # An index created before the alias existed may squat on the alias name.
    if not old and client.indices.exists(index=alias):
        client.indices.delete(index=alias)
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for index in old:
        client.indices.delete(index=index)
    PendingIndexUpdate.objects.filter(created_at__lte=started).delete()
    return name, done


def delete_all_indexes():
    """Remove every index under this environment's prefix (used by tests)."""
    client = get_client()
    client.indices.delete(index=f"{library_alias()}*", ignore_unavailable=True, allow_no_indices=True)


def refresh():
    """Make everything written so far visible to searches (used after imports and in tests)."""
    if not is_enabled():
        return
    try:
        get_client().indices.refresh(index=library_alias(), ignore_unavailable=True)
    except UNAVAILABLE_ERRORS as error:
        logger.warning("Could not refresh the library index: %s", error)


def compare_with_database():
    """Return (missing, extra, stale) page ids: what the index lacks, holds wrongly, or holds out of date."""
    from elasticsearch.helpers import scan

    client = get_client()
    refresh()
    indexed = {
        int(hit["_id"]): hit["_source"]
        for hit in scan(client, index=library_alias(), query={"query": {"match_all": {}}})
    }
    live = {page.pk: page for page in indexable_articles()}
    missing = set(live) - set(indexed)
    extra = set(indexed) - set(live)
    stale = set()
    for page_id in set(live) & set(indexed):
        expected = ArticleDocument.from_page(live[page_id]).to_dict()
        source = indexed[page_id]
        if any(source.get(key) != expected.get(key) for key in ("title", "summary", "url", "topics", "kind")):
            stale.add(page_id)
    return missing, extra, stale
