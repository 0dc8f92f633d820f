"""The Elasticsearch part of a backup: a snapshot of the site's indexes in a filesystem repository.

Snapshots may only be written under a directory listed in every node's `path.repo` (scripts/elasticsearch.sh
sets it; see `scripts/elasticsearch.sh repo`), which must be the same shared folder on every node and on the
machine running the backup: settings.ELASTICSEARCH_SNAPSHOT_PATH. Each backup registers a repository of its own
in a new folder there, snapshots the indexes behind the site's aliases, copies the repository into the backup
directory and removes it again, so a backup directory is complete by itself.

Restoring copies the repository back under ELASTICSEARCH_SNAPSHOT_PATH, registers it read-only, restores the
indexes (renamed when ELASTICSEARCH_INDEX_PREFIX differs) and points the aliases at them.
"""

import re
import shutil
import time
from pathlib import Path

from django.conf import settings

from search import registry
from search.connection import get_client

FOLDER = "elasticsearch"
# Snapshots and restores wait for completion: far longer than a search may take.
SNAPSHOT_TIMEOUT_SECONDS = 3600


def client():
    return get_client().options(request_timeout=SNAPSHOT_TIMEOUT_SECONDS)


def is_configured():
    return bool(settings.ELASTICSEARCH_URL and settings.ELASTICSEARCH_SNAPSHOT_PATH)


def indexes_behind_aliases():
    """{registry name: (index name, documents)} for every site index that exists."""
    es = get_client()
    found = {}
    for definition in registry.definitions():
        if es.indices.exists_alias(name=definition.alias):
            index = sorted(es.indices.get_alias(name=definition.alias))[-1]
            es.indices.refresh(index=index)
            found[definition.name] = (index, es.count(index=index)["count"])
    return found


def _register(repository, location, readonly=False):
    client().snapshot.create_repository(
        name=repository,
        repository={"type": "fs", "settings": {"location": str(location), "readonly": readonly}},
        verify=not readonly,
    )


def _forget(repository, location):
    client().snapshot.delete_repository(name=repository)
    shutil.rmtree(location, ignore_errors=True)


def take(directory, backup_id, progress=None):
    """Snapshot the site's indexes and copy the repository into `directory`/elasticsearch; the manifest part."""
    indexes = indexes_behind_aliases()
    if not indexes:
        return None
    repository = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{backup_id}"
    location = Path(settings.ELASTICSEARCH_SNAPSHOT_PATH) / repository
    _register(repository, location)
    try:
        client().snapshot.create(
            repository=repository,
            snapshot=backup_id,
            indices=",".join(index for index, _count in indexes.values()),
            include_global_state=False,
            wait_for_completion=True,
        )
        state = client().snapshot.get(repository=repository, snapshot=backup_id)["snapshots"][0]["state"]
        if state != "SUCCESS":
            raise RuntimeError(f"The Elasticsearch snapshot ended in state {state}.")
        if progress:
            progress(f"snapshot {backup_id} of {len(indexes)} index(es) taken; copying it")
        shutil.copytree(location, Path(directory) / FOLDER)
    finally:
        _forget(repository, location)
    return {
        "snapshot": backup_id,
        "prefix": settings.ELASTICSEARCH_INDEX_PREFIX,
        "indexes": {name: {"index": index, "documents": count} for name, (index, count) in indexes.items()},
    }


def existing_site_indexes():
    return sorted(get_client().indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*", expand_wildcards="all"))


def restore(directory, part, progress=None):
    """Restore the snapshot in `directory`; returns the registry names restored (the rest must be rebuilt)."""
    source = Path(directory) / FOLDER
    repository = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-restore-{part['snapshot']}"
    location = Path(settings.ELASTICSEARCH_SNAPSHOT_PATH) / repository
    shutil.rmtree(location, ignore_errors=True)
    shutil.copytree(source, location)
    # The node may run under its own account: it only needs to read a read-only repository.
    for path in [location, *location.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    _register(repository, location, readonly=True)
    try:
        old, new = part["prefix"], settings.ELASTICSEARCH_INDEX_PREFIX
        wanted = {name: entry for name, entry in part["indexes"].items() if name in registry.names()}
        client().snapshot.restore(
            repository=repository,
            snapshot=part["snapshot"],
            indices=",".join(entry["index"] for entry in wanted.values()),
            include_aliases=False,
            include_global_state=False,
            rename_pattern=f"^{re.escape(old)}-(.+)$",
            rename_replacement=f"{new}-$1",
            wait_for_completion=True,
        )
        restored = []
        for name, entry in wanted.items():
            index = new + entry["index"][len(old) :]
            _wait_until_searchable(index)
            get_client().indices.put_alias(index=index, name=registry.get(name).alias)
            restored.append(name)
            if progress:
                progress(f"index {name}: {entry['documents']} document(s) restored from the snapshot")
        return restored
    finally:
        _forget(repository, location)


def _wait_until_searchable(index, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        health = client().cluster.health(index=index, wait_for_status="yellow", timeout="5s")
        if not health["timed_out"] or time.monotonic() > deadline:
            return
