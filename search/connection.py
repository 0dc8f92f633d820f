"""The Elasticsearch connection and index names. Nothing here touches the network at import time."""

import logging
from functools import lru_cache

import orjson
from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.serializer import NdjsonSerializer, OrjsonSerializer

logger = logging.getLogger(__name__)


def is_enabled():
    """Elasticsearch is used when ELASTICSEARCH_URL is set."""
    return bool(settings.ELASTICSEARCH_URL)


class OrjsonNdjsonSerializer(NdjsonSerializer):
    """Each line of a multi-search or bulk body through orjson, as OrjsonSerializer does for a single body."""

    def json_dumps(self, data):
        return orjson.dumps(data, default=self.default)

    def json_loads(self, data):
        return orjson.loads(data)


# The client's own orjson serializers: a search's body (with its 512-number vector) and its answer (twenty articles
# with their bodies) cost the site about a millisecond of CPU a search with the standard json module.
SERIALIZERS = {
    OrjsonSerializer.mimetype: OrjsonSerializer(),
    OrjsonNdjsonSerializer.mimetype: OrjsonNdjsonSerializer(),
}


@lru_cache(maxsize=4)
def _client_for(url, timeout):
    # Several nodes of one cluster, comma-separated: a call that cannot reach one node is retried on the next.
    nodes = [node.strip() for node in url.split(",") if node.strip()]
    return Elasticsearch(
        nodes,
        request_timeout=timeout,
        retry_on_timeout=False,
        max_retries=len(nodes) - 1,
        serializers=SERIALIZERS,
    )


def get_client():
    return _client_for(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


def index_alias(name):
    """The alias every read and write of index `name` goes through; rebuilds swap the index behind it."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{name}"


def library_alias():
    return index_alias("library")
