"""The Elasticsearch connection and index names. Nothing here touches the network at import time."""

import logging
from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch

logger = logging.getLogger(__name__)


def is_enabled():
    """Elasticsearch is used when ELASTICSEARCH_URL is set."""
    return bool(settings.ELASTICSEARCH_URL)


@lru_cache(maxsize=4)
def _client_for(url, timeout):
    # Several nodes of one cluster, comma-separated: a call that cannot reach one node is retried on the next.
    nodes = [node.strip() for node in url.split(",") if node.strip()]
    return Elasticsearch(nodes, request_timeout=timeout, retry_on_timeout=False, max_retries=len(nodes) - 1)


def get_client():
    return _client_for(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


def index_alias(name):
    """The alias every read and write of index `name` goes through; rebuilds swap the index behind it."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{name}"


def library_alias():
    return index_alias("library")
