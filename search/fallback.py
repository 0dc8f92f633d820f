"""Answering from Elasticsearch when it is there, from the database otherwise: one helper for every reader."""

import logging

from django.conf import settings
from django.core.cache import cache

from .availability import ELASTICSEARCH_ERRORS, is_unavailable
from .connection import is_enabled
from .outbox import catch_up_if_waiting

logger = logging.getLogger(__name__)


def catch_up_if_checked_long_ago():
    """`catch_up_if_waiting`, at most once every SEARCH_LOOKUP_CACHE_SECONDS per process: not a query per search."""
    if cache.add("search:outbox-checked", True, settings.SEARCH_LOOKUP_CACHE_SECONDS) or not (
        settings.SEARCH_LOOKUP_CACHE_SECONDS
    ):
        catch_up_if_waiting()


def with_fallback(from_elasticsearch, from_database, what):
    """`from_elasticsearch()` when Elasticsearch is configured and answers, else `from_database()`.

    `what` names the feature in the warning logged when the cluster does not answer. When the cluster answers
    again after an outage, the index updates that waited in the outbox are sent (in the background).
    """
    if is_enabled():
        try:
            result = from_elasticsearch()
        except ELASTICSEARCH_ERRORS as error:
            if not is_unavailable(error):
                raise
            logger.warning("Elasticsearch unavailable, answering %s from the database: %s", what, error)
        else:
            catch_up_if_checked_long_ago()
            return result
    return from_database()
