"""What the library's words tell a search: which words it knows, and which say too little to rank by.

Learned from the index itself, not kept as a list in code: one small request (no hits, one `filters`
aggregation) counts, per language, the articles holding each word of a query. A word is

- **known** when some article holds it as written, with accents folded or in another word form, or when an editor listed it in a
  synonym group (so "knockoff" is never "corrected" even where the articles spell it "knock-off"), or when the
  articles write it in two ("ebike" where they say "e-bike": the two words are then searched beside it);
- **generic** when it is in at least `SEARCH_GENERIC_WORD_SHARE` of a language's articles (in this library:
  fake, counterfeit, online, falsificado...), counted only in a language with at least
  `SEARCH_GENERIC_MIN_ARTICLES` articles, since a small library cannot tell. Generic words still count, at a
  low weight, but only among articles that match the query's specific words (queries.py).

Answers are cached per word for `SEARCH_VOCABULARY_CACHE_SECONDS`; writing to the library index
(search/writing.py) starts a new cache generation in that process, and the timeout bounds the rest.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

from .analyzers import STOP_WORDS, fold_accents
from .compounds import halves, most_written
from .connection import get_client, library_alias
from .documents import FOLDED_FIELDS, STEMMED_FIELDS

WORD = re.compile(r"[^\W_]+(?:['.][^\W_]+)*", re.UNICODE)
LEANING = 4
GENERATION_KEY = "search-vocabulary-generation"


@dataclass(frozen=True)
class WordInfo:
    word: str
    in_index: bool  # as written, accent-folded or in another form
    as_written: bool = False
    generic: bool = False
    language: str | None = None  # the language whose articles use it far more (at least LEANING times)
    listed: bool = False  # in an editor's synonym group
    apart: str | None = None  # the word as the articles write it in two ("ebike": "e bike", from "e-bike")

    @property
    def known(self):
        return self.in_index or self.listed or bool(self.apart)


def query_words(query):
    """The query's words as the index sees them (lowercase), in order, once each, stop words kept out."""
    words = [match.group(0).lower() for match in WORD.finditer(query or "")]
    return list(dict.fromkeys(word for word in words if word not in STOP_WORDS))


def is_protected(word):
    """Numbers, prices, sizes and tracking-like tokens are searched as typed, never corrected."""
    return any(ch.isdigit() for ch in word) or len(word) < 3


def _setting(name, default):
    return getattr(settings, name, default)  # defaults as in website/settings/base.py


def generation():
    """The vocabulary's cache generation: a new one after each write to the library index (vocabulary_changed)."""
    return cache.get_or_set(GENERATION_KEY, 1, None)


def vocabulary_changed():
    """Start a new cache generation: called after articles are written to the library index."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _cache_key(generation, word, apart=True):
    return f"search-vocabulary:{library_alias()}:{generation}:{word}" + ("" if apart else ":together")


LANGUAGES_KEY = ":articles-by-language"  # not a word (no word holds a colon)


def articles_by_language():
    """{language: how many articles the index holds in it}; learned with the words (_learn), else asked."""
    current = generation()
    articles = cache.get(_cache_key(current, LANGUAGES_KEY))
    if articles is None:
        body = {"size": 0, "track_total_hits": False, "aggs": {"articles": {"terms": {"field": "language"}}}}
        response = get_client().search(index=library_alias(), body=body, request_cache=True)
        articles = _remember_languages(response["aggregations"]["articles"]["buckets"], current)
    return articles


def _remember_languages(buckets, current):
    """Keep {language: articles} from a terms aggregation's buckets for articles_by_language, and return it."""
    articles = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
    cache.set(_cache_key(current, LANGUAGES_KEY), articles, _setting("SEARCH_VOCABULARY_CACHE_SECONDS", 300))
    return articles


def _counts_body(words):
    filters, forms = {}, {}
    for number, word in enumerate(words):
        folded = fold_accents(word)
        filters[str(number)] = {
            "bool": {"should": [{"term": {"spelling": word}}, *({"term": {field: folded}} for field in FOLDED_FIELDS)]}
        }
        # Another form of a known word ("compra" where articles say "compras") is known too.
        forms[str(number)] = {"multi_match": {"query": word, "fields": STEMMED_FIELDS}}
    return {
        "size": 0,
        "track_total_hits": False,
        "aggs": {
            "articles": {"terms": {"field": "language", "size": 10}},
            "words": {
                "filters": {"filters": filters},
                "aggs": {"language": {"terms": {"field": "language", "size": 10}}},
            },
            "forms": {"filters": {"filters": forms}},
        },
    }


def _written_apart(words):
    """{word: the two words the articles write for it ("ebike": "e bike"), the most used way to cut it
    (search/compounds.py)} for `words` (each in no article), from one request; a word no article writes in two is
    left out."""
    cuts = {word: halves(word) for word in words}
    keys = {
        (word, cut): f"{number}:{position}"
        for number, word in enumerate(words)
        for position, cut in enumerate(cuts[word])
    }
    if not keys:
        return {}
    phrases = {
        key: {"multi_match": {"query": fold_accents(cut), "fields": FOLDED_FIELDS, "type": "phrase"}}
        for (_word, cut), key in keys.items()
    }
    body = {"size": 0, "track_total_hits": False, "aggs": {"apart": {"filters": {"filters": phrases}}}}
    response = get_client().search(index=library_alias(), body=body, request_cache=True)
    buckets = response["aggregations"]["apart"]["buckets"]
    chosen = {
        word: most_written({cut: buckets[keys[word, cut]]["doc_count"] for cut in found})
        for word, found in cuts.items()
    }
    return {word: cut for word, cut in chosen.items() if cut}


def _learn(words, current, apart=True, together=()):
    """{word: what the index says of it} for `words` and `together` (joined pairs of the query, asked in the same
    request; never looked for as two words), in the cache generation `current`."""
    words = list(dict.fromkeys([*words, *together]))
    response = get_client().search(index=library_alias(), body=_counts_body(words), request_cache=True)
    aggregations = response["aggregations"]
    articles = _remember_languages(aggregations["articles"]["buckets"], current)
    share = _setting("SEARCH_GENERIC_WORD_SHARE", 0.45)
    smallest = _setting("SEARCH_GENERIC_MIN_ARTICLES", 5)
    learned = {}
    for number, word in enumerate(words):
        bucket = aggregations["words"]["buckets"][str(number)]
        forms = aggregations["forms"]["buckets"][str(number)]
        by_language = {b["key"]: b["doc_count"] for b in bucket["language"]["buckets"]}
        generic = any(
            articles.get(language, 0) >= smallest and count >= share * articles[language]
            for language, count in by_language.items()
        )
        shares = {language: by_language.get(language, 0) / count for language, count in articles.items() if count}
        ranked = sorted(shares.items(), key=lambda item: -item[1])
        leaning = ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] >= LEANING * ranked[1][1])
        learned[word] = {
            "as_written": bucket["doc_count"] > 0,
            "in_index": bucket["doc_count"] > 0 or forms["doc_count"] > 0,
            "generic": generic,
            "language": ranked[0][0] if leaning and len(ranked) > 1 else None,
        }
    # A word in no article may be one they write in two: asked only then, so known words cost nothing more.
    asked_apart = [word for word, info in learned.items() if not info["in_index"] and word not in together]
    halves = _written_apart(asked_apart) if apart else {}
    for word, info in learned.items():
        info["apart"] = halves.get(word)
    return learned


def describe(query, editor_words=frozenset(), apart=True):
    """{word: WordInfo} for the query's words (see query_words), from the cache or one request (and one more
    when a word is in no article, to ask whether they write it in two; `apart=False` skips it)."""
    words = query_words(query)
    if not words:
        return {}
    current = generation()
    keys = {word: _cache_key(current, word, apart) for word in words}
    # The query's words joined in pairs, which join_split_words asks about next: learned in the same request.
    pairs = {joined: _cache_key(current, joined, apart=False) for joined in _pairs(words).values()} if apart else {}
    cached = cache.get_many([*keys.values(), *pairs.values()])
    found = {word: cached[key] for word, key in keys.items() if key in cached}
    missing = [word for word in words if word not in found]
    if missing:
        together = [joined for joined, key in pairs.items() if key not in cached and joined not in missing]
        learned = _learn(missing, current, apart, together)
        timeout = _setting("SEARCH_VOCABULARY_CACHE_SECONDS", 300)
        by_key = {pairs[joined]: learned[joined] for joined in together}
        cache.set_many(by_key | {keys[word]: learned[word] for word in missing}, timeout)
        found.update({word: learned[word] for word in missing})
    return {word: WordInfo(word, listed=is_listed(word, editor_words), **found[word]) for word in words}


def is_listed(word, editor_words):
    """In an editor's synonym group, as listed or in the plural, accents or not ("cigarrillos electronicos" when
    "cigarrillo electrónico" is listed)."""
    listed = _folded(frozenset(editor_words))
    word = fold_accents(word)
    return any(form in listed for form in (word, word.removesuffix("s"), word.removesuffix("es")))


@lru_cache(maxsize=4)
def _folded(words):
    """The words with accents folded, once per set of editors' words (not once per word of every query)."""
    return frozenset(fold_accents(word) for word in words)


def query_language(vocabulary):
    """The language most of the query's words lean to ("comprar medicinas en linea": es), or None."""
    votes = {}
    for info in vocabulary.values():
        if info.language:
            votes[info.language] = votes.get(info.language, 0) + 1
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _pairs(words):
    """{(first, second): joined} for neighbouring words of letters, at least five letters together."""
    return {
        (first, second): first + second
        for first, second in zip(words, words[1:], strict=False)
        if first.isalpha() and second.isalpha() and len(first + second) >= 5
    }


def _joined_pairs(query):
    """{(first, second): joined} for neighbouring words of letters the articles write as one word."""
    pairs = _pairs(query_words(query))
    if not pairs:
        return {}
    known = describe(" ".join(pairs.values()), apart=False)  # only whether the joined words are written so
    return {pair: joined for pair, joined in pairs.items() if joined in known and known[joined].as_written}


def written_apart(vocabulary):
    """The query's words the articles write in two ("ebike": "e bike"), as those two words, searched beside the
    query like a synonym."""
    return [info.apart for info in vocabulary.values() if info.apart]


def joined_words(query):
    """Two neighbouring words of the query that the articles write as one ("hand bag": "handbag"), searched
    beside them like a synonym."""
    return list(dict.fromkeys(_joined_pairs(query).values()))


def join_split_words(query, vocabulary):
    """The query with two neighbouring words written as one where the articles write them so and one of the two
    is in no article as written ("air bag" is "airbag" when no article says "air"); otherwise unchanged.

    `vocabulary` is describe(query)."""
    for (first, second), joined in _joined_pairs(query).items():
        if all(vocabulary.get(word) and vocabulary[word].as_written for word in (first, second)):
            continue
        query = re.sub(rf"(?<![\w]){re.escape(first)}[\s-]+{re.escape(second)}(?![\w])", joined, query, flags=re.I)
    return query
