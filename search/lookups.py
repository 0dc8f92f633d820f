"""What every search reads from the database and editors rarely change: read once, kept in Django's cache.

Topics (their slugs and names, for validating filters and labelling results and facets), the editors' synonym
groups, and which queries have a promoted result. Each entry is dropped when an editor saves or deletes one of
its rows (search/signals.py), and otherwise kept `SEARCH_LOOKUP_CACHE_SECONDS` (60 s): with the default
per-process memory cache, that is how long another server process may show an old topic name or synonym; with a
shared cache (CACHES, e.g. Redis or Memcached) every process sees the change at once.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

TOPICS = "search:lookups:topics"
SYNONYMS = "search:lookups:synonyms"
SYNONYM_WORDS = "search:lookups:synonym-words"
PROMOTED = "search:lookups:promoted-queries"


def _cached(key, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, getattr(settings, "SEARCH_LOOKUP_CACHE_SECONDS", 60))
    return value


def _topic_rows():
    from library.models import Topic

    return list(Topic.objects.order_by("name").values_list("slug", "name", "name_es"))


def topic_slugs():
    return [slug for slug, _name, _name_es in _cached(TOPICS, _topic_rows)]


def topic_labels():
    """{slug: name in the active language}, like Topic.display_name."""
    spanish = (get_language() or "en").startswith("es")
    return {slug: (name_es if spanish and name_es else name) for slug, name, name_es in _cached(TOPICS, _topic_rows)}


def synonym_groups():
    """Every synonym group as its list of words and phrases."""
    from .models import SynonymGroup

    return _cached(SYNONYMS, lambda: [group.term_list() for group in SynonymGroup.objects.all()])


def synonym_words():
    """The words of every synonym group, once each, as written (lowercase): candidates when a word is misspelt and
    the words an editor listed (search/vocabulary.py: is_listed). Forgotten with the groups."""
    from .vocabulary import query_words

    return _cached(
        SYNONYM_WORDS,
        lambda: frozenset(word for terms in synonym_groups() for term in terms for word in query_words(term)),
    )


def promoted_queries():
    """The query strings (lower case) that have at least one promoted result."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    return _cached(
        PROMOTED,
        lambda: set(SearchPromotion.objects.values_list("query__query_string", flat=True).distinct()),
    )


def forget(*keys):
    keys = keys or (TOPICS, SYNONYMS, PROMOTED)
    cache.delete_many([*keys, SYNONYM_WORDS] if SYNONYMS in keys else keys)
