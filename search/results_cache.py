"""The library search's answers from Elasticsearch, kept a short while in Django's cache.

The same search asked again (the next person's, many people's after a news story on a scam, the back button, the
next page and back) is answered without asking Elasticsearch or running the sentence encoder again.

The key holds everything such an answer depends on: the search's parameters, the active language (the labels),
whether matching by meaning is on, the index (its alias) and its vocabulary generation (a new one each time
articles are written to the index: search/writing.py, search/vocabulary.py), the editors' synonym groups and the
topics' names (search/lookups.py). So after an article is published, changed or unpublished, a synonym edited or a
topic renamed, the next search is run afresh: at once in the process that wrote it, and in every process with a
shared cache (REDIS_URL); with each process's own cache, another process may give its kept answer for at most
SEARCH_RESULTS_CACHE_SECONDS (default 30; 0 keeps nothing).

Not kept: the database fallback's answers (they stand in while Elasticsearch is down, and its own answers should
come back as soon as it is up), the promoted results and the tracking number found in a query (search_library
adds those to every answer), and the search counts (every search is counted, search/analytics.py).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from . import meaning
from .connection import library_alias
from .lookups import synonym_groups, topic_labels
from .vocabulary import generation


def results_key(params):
    """The cache key of a search's answer (see the module's docstring for what it holds)."""
    parts = (
        library_alias(),
        generation(),
        get_language(),
        meaning.is_enabled(),
        params,
        synonym_groups(),
        sorted(topic_labels().items()),
    )
    return "search-results:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_search(params, search):
    """`search(params)`, or its answer kept from an earlier call with the same key."""
    seconds = getattr(settings, "SEARCH_RESULTS_CACHE_SECONDS", 0)
    if seconds <= 0:
        return search(params)
    key = results_key(params)
    results = cache.get(key)
    if results is None:
        results = search(params)
        cache.set(key, results, seconds)
    return results
