"""Comparing an index with the database: what it lacks, what it holds wrongly, what is out of date."""

import json
from dataclasses import dataclass, field

from elasticsearch.helpers import scan
from elasticsearch.serializer import JSONSerializer

from .connection import get_client
from .models import IndexState, PendingIndexUpdate
from .writing import refresh


@dataclass
class Comparison:
    missing: set = field(default_factory=set)
    extra: set = field(default_factory=set)
    stale: set = field(default_factory=set)
    waiting: int = 0
    rebuild_started_at: object = None

    @property
    def in_step(self):
        return not (self.missing or self.extra or self.stale)


def indexed_ids(definition, fields=()):
    """{id: source} of every document behind the alias (sources hold only `fields`)."""
    client = get_client()
    if not client.indices.exists_alias(name=definition.alias):
        return {}  # never built: everything is missing
    refresh(definition)
    hits = scan(client, index=definition.alias, query={"query": {"match_all": {}}}, _source=list(fields) or False)
    return {int(hit["_id"]): hit.get("_source", {}) for hit in hits}


def compare_with_database(definition, batch_size=1000):
    indexed = indexed_ids(definition, definition.compare_fields)
    comparison = Comparison(
        waiting=PendingIndexUpdate.objects.filter(index=definition.name).count(),
        rebuild_started_at=IndexState.objects.filter(name=definition.name)
        .values_list("rebuild_started_at", flat=True)
        .first(),
    )
    serializer = JSONSerializer()
    seen = set()
    for batch in definition.batches(batch_size):
        for pk, document in batch:
            seen.add(pk)
            if pk not in indexed:
                comparison.missing.add(pk)
            elif definition.compare_fields:
                # As Elasticsearch stores it (dates as ISO strings).
                expected = json.loads(serializer.dumps(document))
                source = indexed[pk]
                if any(source.get(key) != expected.get(key) for key in definition.compare_fields):
                    comparison.stale.add(pk)
    comparison.extra = set(indexed) - seen
    return comparison
