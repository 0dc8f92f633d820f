"""The indexes the site keeps in Elasticsearch, each declared by the app that owns its documents.

An app describes its index with an `IndexDefinition` and registers it in its AppConfig.ready():

    register(IndexDefinition(name="importers", document=ImporterDocument, queryset=indexable_importers,
                             source=ImporterDocument.source_for_importer, noun="importer"))

Everything else (the outbox, draining it, rebuilds, checks, the `search_index` command) lives in the `search`
app and works from these definitions, so no other app talks to Elasticsearch to keep an index in step.
"""

from dataclasses import dataclass
from itertools import islice

from .connection import index_alias


@dataclass(frozen=True)
class IndexDefinition:
    """One index: its name, its mapping (an elasticsearch.dsl Document class) and where its documents come from.

    - `queryset()` returns what is indexed, ordered by pk, with the related rows `build` reads prefetched;
      an object that is not in it (deleted, unpublished...) is removed from the index.
    - `source(obj)` returns one object's document as a plain dict of the Document's fields (the id is the pk).
      A dict rather than a Document instance: building Documents cost a rebuild a third of its speed.
    - `noun` names one object in messages ("article" -> "12 article(s)").
    - `compare_fields`: the document fields `search_index --check` compares to find out-of-date entries.
    - `documents(after_pk, limit)`, optional: the next `limit` indexable objects' (pk, source) pairs after
      `after_pk` (None: from the first), in pk order, read with a few queries per batch and no model instances.
      Rebuilds and checks use it when it is given; it must build exactly what `source` builds.
    - `index_settings`: more settings for a new index (for example an index sort), beside shards and replicas.
    """

    name: str
    document: type
    queryset: object
    source: object
    noun: str = "document"
    compare_fields: tuple = ()
    batch_size: int = 500
    documents: object = None
    index_settings: tuple = ()  # (("sort.field", [...]), ...): a tuple of pairs, so the definition stays hashable

    @property
    def alias(self):
        return index_alias(self.name)

    def action(self, obj, index):
        """The bulk action that writes `obj` into `index`."""
        return {"_index": index, "_id": obj.pk, "_source": self.source(obj)}

    def batches(self, batch_size=None):
        """Every indexable object's (pk, source) pair, in pk order, in lists of `batch_size`."""
        batch_size = batch_size or self.batch_size
        if self.documents:
            after = None
            while batch := self.documents(after, batch_size):
                yield batch
                after = batch[-1][0]
            return
        objects = self.queryset().iterator(chunk_size=batch_size)
        while batch := list(islice(objects, batch_size)):
            yield [(obj.pk, self.source(obj)) for obj in batch]


_definitions = {}


def register(definition):
    if definition.name in _definitions and _definitions[definition.name] != definition:
        raise ValueError(f"An index named {definition.name!r} is registered already.")
    _definitions[definition.name] = definition
    return definition


def get(name):
    try:
        return _definitions[name]
    except KeyError:
        raise LookupError(f"No index named {name!r}; known: {', '.join(names())}.") from None


def names():
    return sorted(_definitions)


def definitions():
    return [_definitions[name] for name in names()]
