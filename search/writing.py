"""Creating indexes and writing documents into them, for any registered index (search/registry.py)."""

import logging
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch.dsl import Index
from elasticsearch.helpers import streaming_bulk

from . import registry
from .availability import ELASTICSEARCH_ERRORS, is_unavailable
from .connection import get_client, is_enabled

logger = logging.getLogger(__name__)


class IndexWriteError(Exception):
    """Elasticsearch refused some documents of a bulk request (the outbox keeps them for another try)."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(f"{len(errors)} document(s) not written; first: {errors[0]}")


def new_index_name(definition):
    return f"{definition.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"


def create_index(definition, name, loading=False):
    """Create index `name` with the definition's mapping. `loading`: no refreshes until `finish_loading`."""
    index = Index(name, using=get_client())
    index.settings(
        number_of_shards=1,
        number_of_replicas=settings.ELASTICSEARCH_REPLICAS,
        **dict(definition.index_settings),
        **({"refresh_interval": "-1"} if loading else {}),
    )
    index.document(definition.document)
    index.create()
    return name


def finish_loading(name):
    client = get_client()
    client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
    client.indices.refresh(index=name)


def ensure_index(definition):
    """Create the index and its alias when they do not exist yet."""
    client = get_client()
    if not client.indices.exists_alias(name=definition.alias):
        name = create_index(definition, new_index_name(definition))
        if client.indices.exists(index=definition.alias):
            # An index created before the alias existed squats on the alias name.
            client.indices.delete(index=definition.alias)
        client.indices.put_alias(index=name, name=definition.alias)


def write(definition, objects, gone_ids=(), index=None, refresh=False, chunk_size=500):
    """Index `objects` and remove `gone_ids` in bulk requests. Returns how many documents were written.

    Raises IndexWriteError when Elasticsearch refuses any of them (removing a document it does not hold is fine).
    """
    index = index or definition.alias
    actions = [definition.action(obj, index) for obj in objects]
    actions += [{"_op_type": "delete", "_index": index, "_id": object_id} for object_id in gone_ids]
    written = write_actions(actions, refresh=refresh, chunk_size=chunk_size)
    _changed(definition)
    return written


def _changed(definition):
    if definition.name == "library":
        from .vocabulary import vocabulary_changed

        vocabulary_changed()  # which words are known or generic may have changed


def write_actions(actions, refresh=False, chunk_size=500):
    errors = []
    written = 0
    for ok, item in streaming_bulk(
        get_client(), actions, refresh=refresh, chunk_size=chunk_size, raise_on_error=False, max_retries=0
    ):
        operation, result = next(iter(item.items()))
        if ok:
            written += 1
        elif not (operation == "delete" and result.get("status") == 404):
            errors.append(item)
    if errors:
        raise IndexWriteError(errors)
    return written


def swap_alias(definition, name):
    """Point the alias at index `name` in one atomic call; returns the indexes it pointed at before."""
    client = get_client()
    alias = definition.alias
    old = list(client.indices.get_alias(name=alias)) if client.indices.exists_alias(name=alias) else []
    actions = [{"remove": {"index": index, "alias": alias}} for index in old if index != name]
    if not old and client.indices.exists(index=alias):
        client.indices.delete(index=alias)
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    _changed(definition)
    return [index for index in old if index != name]


def refresh(definition):
    """Make everything written so far visible to searches (after imports, and in tests)."""
    get_client().indices.refresh(index=definition.alias, ignore_unavailable=True)
    _changed(definition)


def refresh_now(name):
    """Make index `name` show what was written so far (after an import). Skipped when the cluster is away."""
    if not is_enabled():
        return
    try:
        refresh(registry.get(name))
    except ELASTICSEARCH_ERRORS as error:
        if not is_unavailable(error):
            raise
        logger.warning("Could not refresh the %s index: %s", name, error)


def delete_all_indexes(definition):
    """Remove every index of this definition under this environment's prefix (used by tests)."""
    get_client().indices.delete(index=f"{definition.alias}*", ignore_unavailable=True, allow_no_indices=True)
