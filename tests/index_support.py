"""A test's own index on the real Elasticsearch: the `search_index`, `importer_index` and `reports_index`
fixtures give one of these (tests/conftest.py)."""

import itertools

from django.conf import settings as django_settings

from search import registry
from search.checking import indexed_ids
from search.connection import get_client
from search.draining import drain
from search.rebuilding import rebuild
from search.writing import delete_all_indexes, ensure_index, refresh

_numbers = itertools.count(1)


class TestIndex:
    def __init__(self, name):
        self.definition = registry.get(name)

    @property
    def alias(self):
        return self.definition.alias

    @property
    def client(self):
        return get_client()

    def refresh(self):
        refresh(self.definition)

    def rebuild(self, **kwargs):
        return rebuild(self.definition, **kwargs)

    def catch_up(self):
        return drain(self.definition.name)

    def ids(self):
        """The ids of every document behind the alias."""
        return set(indexed_ids(self.definition))

    def database_ids(self):
        """The ids of everything that should be indexed."""
        return set(self.definition.queryset().values_list("pk", flat=True))

    def source(self, object_id):
        return self.client.get(index=self.alias, id=object_id)["_source"]


def fresh_index(settings, elasticsearch_url, name):
    """Switch Elasticsearch on under a prefix of this test's own, with an empty `name` index; delete it after."""
    for indexes in fresh_indexes(settings, elasticsearch_url, [name]):
        yield indexes[0]


def fresh_indexes(settings, elasticsearch_url, names):
    """The same for several indexes under one prefix: yields their TestIndex list."""
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX_PREFIX = (
        f"{django_settings.ELASTICSEARCH_INDEX_PREFIX}-{names[0][:3]}{next(_numbers)}"
    )
    indexes = [TestIndex(name) for name in names]
    for index in indexes:
        ensure_index(index.definition)
    prefix = settings.ELASTICSEARCH_INDEX_PREFIX
    yield indexes
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX = elasticsearch_url, prefix  # a test may move them
    for index in indexes:
        delete_all_indexes(index.definition)
