"""What the library's words tell the database fallback: how many articles hold each word of a query.

The same idea as search/vocabulary.py for Elasticsearch, from the database's own full-text index
(search/fulltext.py): each word's matching articles are read once (at most `MATCHES_READ`, unranked), which
gives both the articles and how common the word is. A word in at least `SEARCH_GENERIC_WORD_SHARE` of the
articles (in this library: fake, counterfeit, online...) says little; a rare one says much. When a word matches
more articles than are read, its share is estimated on a fixed sample of `SAMPLE` articles, cached per word for
`SEARCH_VOCABULARY_CACHE_SECONDS`.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from library.models import ArticlePage

from .fulltext import page_ids_holding, sample_share

MATCHES_READ = 400
SAMPLE = 500


@dataclass(frozen=True)
class DatabaseWord:
    word: str
    matches: list  # ids of pages holding the word (at most MATCHES_READ, in no particular order)
    articles: float  # how many articles hold it (estimated when more than MATCHES_READ)
    total: int  # live articles in the library

    @property
    def complete(self):
        """Every article holding the word was read."""
        return len(self.matches) < MATCHES_READ

    @property
    def known(self):
        return bool(self.matches)

    @property
    def generic(self):
        smallest = getattr(settings, "SEARCH_GENERIC_MIN_ARTICLES", 5)
        share = getattr(settings, "SEARCH_GENERIC_WORD_SHARE", 0.45)
        return self.total >= smallest and self.articles >= share * self.total

    @property
    def weight(self):
        """Inverse document frequency: a rare word weighs much, a word in most articles little."""
        return math.log(1 + self.total / max(self.articles, 1))


def _total():
    key = f"search-database-vocabulary:{connection.alias}:total"
    total = cache.get(key)
    if total is None:
        total = ArticlePage.objects.live().count()
        cache.set(key, total, getattr(settings, "SEARCH_VOCABULARY_CACHE_SECONDS", 300))
    return total


def _estimated(word, total):
    key = f"search-database-vocabulary:{connection.alias}:share:{word}"
    share = cache.get(key)
    if share is None:
        share = sample_share(ArticlePage, word, SAMPLE)
        cache.set(key, share, getattr(settings, "SEARCH_VOCABULARY_CACHE_SECONDS", 300))
    return max(MATCHES_READ, share * total)


def describe_in_database(words):
    """{word: DatabaseWord} for the query's words."""
    total = _total()
    described = {}
    for word in words:
        matches = page_ids_holding(ArticlePage, word, MATCHES_READ)
        articles = len(matches) if len(matches) < MATCHES_READ else _estimated(word, total)
        described[word] = DatabaseWord(word, matches, articles, total)
    return described


def held_in_database(words):
    """The subset of `words` some live article holds."""
    return {word for word in words if page_ids_holding(ArticlePage, word, 1)}
