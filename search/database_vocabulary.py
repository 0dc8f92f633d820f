"""What the library's words tell the database fallback: how many articles hold each word of a query.

The same idea as search/vocabulary.py for Elasticsearch, from the database's own full-text index
(search/fulltext.py): each word's matching articles are read once (at most `MATCHES_READ`, unranked), which
gives both the articles and how common the word is. A word in at least `SEARCH_GENERIC_WORD_SHARE` of the
articles (in this library: fake, counterfeit, online...) says little; a rare one says much. When a word matches
more articles than are read, its share is estimated on a fixed sample of `SAMPLE` articles. A word in no article
that they write in two ("ebike" where they say "e-bike" or "e bike") is known too, as on Elasticsearch
(search/compounds.py): the articles writing its most used cut stand for its matches, and the search looks for
that phrase beside the word (search/database_search.py), so the word is not "corrected".

Every word of a query is counted in one query (the cuts of the words in no article in a second, the common ones'
shares in a third), and each word's answer is cached for `SEARCH_VOCABULARY_CACHE_SECONDS`: saving an article
(publishing, unpublishing, editing) or deleting one starts a new cache generation (search/signals.py), so a search
right after sees the change (in that process; with a shared cache, in every process).
"""

import math
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from library.models import ArticlePage

from .compounds import halves, most_written
from .fulltext import page_ids_holding, sample_shares

MATCHES_READ = 400
SAMPLE = 500


@dataclass(frozen=True)
class DatabaseWord:
    word: str
    matches: list  # ids of pages holding the word (at most MATCHES_READ, in no particular order)
    articles: float  # how many articles hold it (estimated when more than MATCHES_READ)
    total: int  # live articles in the library
    # The word as the articles write it in two ("ebike": "e bike", from "e-bike"), when no article holds it as
    # one: `matches` and `articles` are then those of the two words side by side.
    apart: str | None = None

    @property
    def complete(self):
        """Every article holding the word was read."""
        return len(self.matches) < MATCHES_READ

    @property
    def known(self):
        return bool(self.matches or self.apart)

    @property
    def generic(self):
        smallest = getattr(settings, "SEARCH_GENERIC_MIN_ARTICLES", 5)
        share = getattr(settings, "SEARCH_GENERIC_WORD_SHARE", 0.45)
        return self.total >= smallest and self.articles >= share * self.total

    @property
    def weight(self):
        """Inverse document frequency: a rare word weighs much, a word in most articles little."""
        return math.log(1 + self.total / max(self.articles, 1))


GENERATION_KEY = "search-database-vocabulary-generation"


def _timeout():
    return getattr(settings, "SEARCH_VOCABULARY_CACHE_SECONDS", 300)


def _prefix():
    """The cache keys' prefix: this database and the current generation (see vocabulary_changed)."""
    return f"search-database-vocabulary:{connection.alias}:{cache.get_or_set(GENERATION_KEY, _new_generation, None)}"


def _new_generation():
    # Never a number counted up: a generation dropped from a full cache then starts afresh instead of coming back.
    return uuid.uuid4().hex


def vocabulary_changed():
    """Start a new cache generation: called when an article is saved or deleted (search/signals.py), so the next
    searches count the words again. Other processes' own caches follow within the cache timeout."""
    cache.set(GENERATION_KEY, _new_generation(), None)


def cached_per_generation(name, compute, prefix=None):
    """`compute()`, kept in the cache under `name` for this generation (for `SEARCH_VOCABULARY_CACHE_SECONDS`);
    `prefix` is the generation's key prefix when the caller has already read it."""
    key = f"{prefix or _prefix()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, _timeout())
    return value


def _written_apart(words):
    """{word: (the two words the articles write for it, the pages writing them)} for `words` (each in no article),
    the most used way to cut it (search/compounds.py), from one query for every cut of every word; a word no
    article writes in two is left out."""
    cuts = {word: halves(word) for word in words}
    phrases = list(dict.fromkeys(cut for found in cuts.values() for cut in found))
    if not phrases:
        return {}
    holding = page_ids_holding(ArticlePage, phrases, MATCHES_READ)
    chosen = {word: most_written({cut: len(holding[cut]) for cut in found}) for word, found in cuts.items()}
    return {word: (cut, holding[cut]) for word, cut in chosen.items() if cut}


def _counted(words, total):
    """{word: (matches, articles, apart)} from the database: one query for the matches of every word, one for the
    ways to cut the words in no article (only when there is one), one more for the share of those more articles
    hold than are read."""
    matches = page_ids_holding(ArticlePage, words, MATCHES_READ)
    apart = _written_apart([word for word, found in matches.items() if not found])
    matches.update({word: found for word, (_cut, found) in apart.items()})
    searched = {word: apart[word][0] if word in apart else word for word in words}
    common = [word for word in words if len(matches[word]) >= MATCHES_READ]
    shares = sample_shares(ArticlePage, [searched[word] for word in common], SAMPLE)
    return {
        word: (
            found,
            max(MATCHES_READ, shares[searched[word]] * total) if word in common else len(found),
            apart[word][0] if word in apart else None,
        )
        for word, found in matches.items()
    }


def describe_in_database(words):
    """{word: DatabaseWord} for the query's words, each cached for `SEARCH_VOCABULARY_CACHE_SECONDS`."""
    prefix = _prefix()
    total = cached_per_generation("total", ArticlePage.objects.live().count, prefix)
    keys = {word: f"{prefix}:counted:{word}" for word in words}  # (matches, articles, apart)
    cached = cache.get_many(list(keys.values()))
    found = {word: cached[key] for word, key in keys.items() if key in cached}
    missing = [word for word in words if word not in found]
    if missing:
        counted = _counted(missing, total)
        cache.set_many({keys[word]: value for word, value in counted.items()}, _timeout())
        found.update(counted)
    return {word: DatabaseWord(word, list(found[word][0]), found[word][1], total, found[word][2]) for word in words}


def written_apart_in_database(word):
    """The two words the articles write for `word`, a word no article holds ("ebike": "e bike"), or None; cached for
    `SEARCH_VOCABULARY_CACHE_SECONDS` (a one-word search's own matches already said no article holds it)."""

    def cut():
        found = _written_apart([word])
        return found[word][0] if word in found else ""

    return cached_per_generation(f"apart:{word}", cut) or None


def held_in_database(words):
    """The subset of `words` some live article holds (one query for them all)."""
    return {word for word, found in page_ids_holding(ArticlePage, words, 1).items() if found}
