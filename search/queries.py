"""Finding articles.

`search_library(params)` answers from Elasticsearch when it is configured and answering, and from the database
otherwise (search/database_search.py), in the same shape (search/results.py). The Elasticsearch query bodies are
plain functions so they can be read and tested on their own; matching by meaning is search/meaning.py.
"""

import logging
import re
from dataclasses import replace
from functools import lru_cache

from django.utils.html import escape

from library.models import ArticlePage

from . import documents, meaning
from .analyzers import fold_accents
from .connection import get_client, library_alias
from .database_search import database_search
from .dictionary import is_real_word
from .fallback import with_fallback
from .lookups import promoted_queries, synonym_groups, synonym_words, topic_labels
from .params import SearchParams  # noqa: F401 - callers import SearchParams from here too
from .pasted import find_pasted
from .results import FACETS, PAGE_SIZE, RESCUE_BELOW, SearchHit, SearchResults, facets_from_counts, page_hit
from .results_cache import cached_search
from .snippets import marked_forms, snippet
from .spelling import correct
from .synonyms import expand_synonyms
from .vocabulary import (
    articles_by_language,
    describe,
    is_protected,
    join_split_words,
    joined_words,
    query_language,
    query_words,
    written_apart,
)

logger = logging.getLogger(__name__)

# The text fields with their weights (search/documents.py): "title.en^3", "summary.es^2", "body_folded", ... The
# fields as written are not searched: their words are the folded fields' words (for a query without accents, the
# same), and matching both only doubles the work.
STEMMED_FIELDS = [documents.weighed(field) for field in documents.STEMMED_FIELDS]
FOLDED_FIELDS = [documents.weighed(field) for field in documents.FOLDED_FIELDS]
PHRASE_FIELDS = ["title^6", "summary^3", "body^2", "title_folded^6", "summary_folded^3", "body_folded^2"]
# What a result shows (SearchHit); with a query, the body too, for its snippet (search/snippets.py).
SHOWN_FIELDS = ["title", "url", "summary", "topics", "kind", "language", "published_at", "slug"]


# --- Elasticsearch query bodies (pure functions) ------------------------------------------------


GENERIC_WEIGHT = 0.2  # a word in most articles (fake, counterfeit, online...) counts this much
RESCORE_WINDOW = 50  # the top results re-weighed for phrases and all-words matches


def word_match(text, boost=1.0, fuzzy=""):
    """The text's words, as written, stemmed in English or Spanish, or accent-folded; the words of `fuzzy`
    (misspelt words: unknown to the library and to the dictionary) forgiven for typos."""
    folded = fold_accents(text)
    should = [
        {"multi_match": {"query": text, "fields": STEMMED_FIELDS, "type": "best_fields", "tie_breaker": 0.3}},
        {"multi_match": {"query": folded, "fields": FOLDED_FIELDS, "type": "best_fields", "tie_breaker": 0.3}},
    ]
    if fuzzy:
        should.append(
            {
                "multi_match": {
                    "query": fold_accents(fuzzy),
                    "fields": FOLDED_FIELDS,
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "max_expansions": 20,
                    "boost": 0.5,
                }
            }
        )
    return {"bool": {"should": should, "minimum_should_match": 1, "boost": boost}}


def synonym_match(synonyms):
    """The best-matching synonym counts once, so a long list of alternatives cannot outweigh the words typed.

    As in word_match, the stemmed and the accent-folded fields: the fields as written hold the folded fields'
    words, and a phrase over them only doubled the work."""
    alternatives = []
    for synonym in synonyms:
        alternatives.append({"multi_match": {"query": synonym, "fields": STEMMED_FIELDS, "type": "phrase"}})
        if fold_accents(synonym) != synonym:  # without accents, the stemmed fields hold the folded fields' words
            alternatives.append(
                {"multi_match": {"query": fold_accents(synonym), "fields": FOLDED_FIELDS, "type": "phrase"}}
            )
    return {"dis_max": {"queries": alternatives, "boost": 0.5}}


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # 20, 2.99, 18650: a price, a size, a count or a model number


def split_words(query, vocabulary):
    """(specific words, generic words, unknown words) of the query; with no vocabulary every word is specific.

    A number beside other specific words counts as a generic one: a price or a size ("$20 ray bans", "rolex for
    $200") says little of what an article is about, and a body that happens to say "20" is no answer. It still adds
    a little over the best few, and a phrase holding it ("ul 2849") still scores there (rescore_query)."""
    vocabulary = vocabulary or {}
    words = query_words(query)
    generic = [word for word in words if word in vocabulary and vocabulary[word].generic]
    unknown = [word for word in words if word in vocabulary and not vocabulary[word].known]
    specific = [word for word in words if word not in generic]
    if not any(vocabulary[word].as_written or vocabulary[word].listed for word in specific if word in vocabulary):
        # Split only when a specific word is in the articles as written: a word known only through another
        # word form (often a word of the other language) or unknown must not push the others aside.
        return words, [], unknown
    numbers = [word for word in specific if NUMBER.fullmatch(word)]
    if numbers and len(numbers) < len(specific):
        specific = [word for word in specific if word not in numbers]
        generic = [word for word in words if word in generic or word in numbers]
    return specific, generic, unknown


def text_query(query, synonyms=(), vocabulary=None):
    """Articles matching the query's specific words (or one of their synonyms). The generic words, the ones most
    articles hold, add a little only among the best few (rescore_query). When every word is generic, they all
    count here."""
    specific, generic, unknown = split_words(query, vocabulary)
    if not generic:
        specific = [query]
    if vocabulary is None:
        fuzzy = " ".join(specific)
    else:  # a real word the library lacks ("air", "legit") is not a typo of a word it holds ("pair", "left")
        fuzzy = " ".join(word for word in unknown if not is_protected(word) and not is_real_word(word))
    match = word_match(" ".join(specific), fuzzy=fuzzy)
    if synonyms:
        match = {"bool": {"should": [match, synonym_match(synonyms)], "minimum_should_match": 1}}
    return match


def rescore_query(query, vocabulary=None):
    """Over the best few: an exact phrase scores highest, articles holding every specific word, wherever they
    are, beat articles holding one word many times, and the generic words add a little (GENERIC_WEIGHT)."""
    folded = fold_accents(query)
    specific, generic, _unknown = split_words(query, vocabulary)
    words = " ".join(specific) if generic else query
    should = [{"multi_match": {"query": folded, "fields": PHRASE_FIELDS, "type": "phrase", "slop": 1, "boost": 3}}]
    should += [
        {"multi_match": {"query": text, "fields": fields, "type": "cross_fields", "operator": "and", "boost": 2}}
        for text, fields in (
            (words, ["title.en", "summary.en", "body.en"]),
            (words, ["title.es", "summary.es", "body.es"]),
            (fold_accents(words), ["title_folded", "summary_folded", "body_folded"]),
        )
    ]
    should += [
        {"multi_match": {"query": pair, "fields": PAIR_FIELDS, "type": "phrase", "slop": PAIR_SLOP}}
        for pair in word_pairs(query)
    ]
    if generic:  # here, over the best few only: in the query they were scored over most of the library
        should.append(word_match(" ".join(generic), boost=GENERIC_WEIGHT))
    return {"bool": {"should": should}}


PAIR_FIELDS = ["title_folded^2", "summary_folded", "body_folded"]
PAIR_SLOP = 2  # "get trouble" (stop words left out) finds "Will I get in trouble?"
MOST_PAIRS = 6


def word_pairs(query):
    """Neighbouring words of the query, accents folded: an article where they stand close together answers a
    question-like query ("will I get in trouble if customs seizes my order") better than one holding them apart."""
    words = [fold_accents(word) for word in query_words(query)]
    return [f"{first} {second}" for first, second in zip(words, words[1:], strict=False)][:MOST_PAIRS]


def filter_clauses(filters, skip=None):
    return [{"terms": {FACETS[name]: values}} for name, values in filters.items() if values and name != skip]


FACET_SIZES = {"topic": 50, "kind": 10, "audience": 10, "language": 5}  # more than each facet has values


def facet_aggregations(filters):
    """One aggregation per facet, filtered by every other facet, so counts stay right when several are on.

    A facet with no other facet selected is a plain `terms` aggregation (no `filter` wrapper to run per match).
    """
    aggs = {}
    for name, field_name in FACETS.items():
        others = filter_clauses(filters, skip=name)
        terms = {"terms": {"field": field_name, "size": FACET_SIZES[name]}}
        aggs[name] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": terms}} if others else terms
    return aggs


def facet_buckets(aggregation):
    """The buckets of one facet's aggregation, with or without the `filter` wrapper."""
    return aggregation.get("values", aggregation)["buckets"]


def search_body(params, synonyms=(), vocabulary=None):
    """The site's query. `vocabulary` (search.vocabulary.describe) tells generic and unknown words apart."""
    if params.query:
        query = {
            "bool": {
                "must": [text_query(params.query, synonyms, vocabulary)],
                "should": [{"term": {"language": {"value": params.preferred_language, "boost": 1.5}}}],
            }
        }
    else:
        query = {"match_all": {}}
    body = {
        "query": query,
        "aggs": facet_aggregations(params.filters()),
        "from": (params.page - 1) * PAGE_SIZE,
        "size": PAGE_SIZE,
        "track_total_hits": True,
        "_source": SHOWN_FIELDS + ["body"] if params.query else SHOWN_FIELDS,
    }
    post_filters = filter_clauses(params.filters())
    if post_filters:
        body["post_filter"] = {"bool": {"filter": post_filters}}
    if params.sort == "newest" or not params.query:
        body["sort"] = [{"published_at": {"order": "desc"}}, "_score"]
    elif params.query:
        body["rescore"] = {
            "window_size": max(RESCORE_WINDOW, params.page * PAGE_SIZE),
            "query": {"rescore_query": rescore_query(params.query, vocabulary), "score_mode": "total"},
        }
    return body


# --- Running a search ---------------------------------------------------------------------------


def _run(params, groups, vocabulary, alongside=()):
    language = query_language(vocabulary or {})
    if language and not params.languages:
        # Words found (nearly) only in Spanish articles ask for Spanish ones, whatever the page's language.
        params = replace(params, preferred_language=language)
    # Synonyms widen the specific words only: "fake" has a dozen synonyms and matches most articles already.
    vocabulary = vocabulary or {}
    specific = [word for word in query_words(params.query) if word not in vocabulary or not vocabulary[word].generic]
    synonyms = informative(expand_synonyms(" ".join(specific), groups), params.preferred_language) if specific else []
    synonyms += joined_words(params.query) + written_apart(vocabulary) + list(alongside)
    body = search_body(params, synonyms, vocabulary)
    forms = marked_forms(params.query, synonyms)
    vector = _query_vector(params)
    if vector is not None:
        results = _run_with_meaning(params, body, vector, forms, vocabulary)
        if results is not None:
            return results
    response = get_client().search(index=library_alias(), body=body)
    labels = topic_labels()
    return SearchResults(
        count=response["hits"]["total"]["value"],
        hits=[_hit(hit, labels, forms) for hit in response["hits"]["hits"]],
        facets=_facets_from_response(response, params),
        page=params.page,
        backend="elasticsearch",
    )


def _hit(hit, labels, forms=None):
    """A search hit from an Elasticsearch hit, its snippet marking `forms` (search/snippets.py); the summary when it
    holds none of them (or was found by meaning only: `forms` None)."""
    source = hit["_source"]
    return SearchHit(
        title=source["title"],
        url=source["url"],
        summary=source["summary"],
        highlight=snippet(forms, source["summary"], source.get("body", "")) or escape(source["summary"]),
        topics=[{"slug": slug, "name": labels.get(slug, slug)} for slug in source.get("topics", [])],
        kind=source["kind"],
        language=source["language"],
        published_at=(source.get("published_at") or "")[:10] or None,
        slug=source["slug"],
    )


def _counts_from_response(response):
    return {
        name: {bucket["key"]: bucket["doc_count"] for bucket in facet_buckets(response["aggregations"][name])}
        for name in FACETS
    }


def _facets_from_response(response, params):
    return facets_from_counts(_counts_from_response(response), params.filters())


# --- Matching by meaning (search/meaning.py) ------------------------------------------------------


def _query_vector(params):
    """The query's vector, when vectors are on and the results are ranked by relevance (sorted by date, the
    words decide what is found, as before)."""
    if not params.query or params.sort == "newest" or not meaning.is_enabled():
        return None
    try:
        return list(_vector_of(params.query))
    except Exception:  # the encoder must never break a search: words only
        logger.exception("Could not compute the query's vector; searching words only.")
        return None


@lru_cache(maxsize=256)
def _vector_of(query):
    """A query's vector, kept per process: the next page, another filter or the next person's same search skip the
    encoder (about 3 ms of CPU). The encoder gives the same text the same vector, so nothing goes stale."""
    [vector] = meaning.embed([query])
    return tuple(vector)


WORDS = "words"  # the name of the words' query in the meaning's search: its hits say whether the words match them


def words_body(params, body):
    """The words' search beside the meaning's one: the site's body, with its facets and its count, from the first
    result down to the end of this page and NEIGHBOURS more (what meaning can pull up), the rescore window at least
    that deep. Each hit carries what the page shows of it (the fusion's guard reads the titles and summaries,
    meaning.fused_order); on the first page its body too, for the snippet, so the articles the words found need no
    second request (twenty bodies cost Elasticsearch about 0.2 ms more than the titles and summaries alone). A deeper
    page fetches its articles' bodies afterwards (page_body) rather than those of every result above it."""
    words = dict(body)
    words.update({"from": 0, "size": params.page * PAGE_SIZE + meaning.NEIGHBOURS})
    if params.page > 1:
        words["_source"] = SHOWN_FIELDS
    if "rescore" in words:
        words["rescore"] = {**words["rescore"], "window_size": max(words["rescore"]["window_size"], words["size"])}
    return words


def meaning_body(params, body, vector):
    """The kNN search beside the words' one: the NEAREST articles by meaning in the whole library (the filters are
    applied here, by nearest_within), each saying whether the words match it too (the named query WORDS, scoring
    nothing) and carrying its facet values."""
    words = body["query"]["bool"]["must"][0]
    return {
        "query": {
            "bool": {
                "must": [{"knn": meaning.knn_clause(vector, meaning.NEAREST)}],
                "should": [{"bool": {"filter": [words], "_name": WORDS}}],
            }
        },
        "size": meaning.NEAREST,
        "_source": False,
        "docvalue_fields": list(FACETS.values()),
    }


def _passes(hit, filters):
    """Whether a meaning hit (its facet values as doc values) has one of each filtered facet's values."""
    fields = hit.get("fields", {})
    return all(set(fields.get(FACETS[name], ())) & set(values) for name, values in filters.items() if values)


def nearest_within(meaning_hits, filters):
    """The first NEIGHBOURS of the meaning's hits (best first) that pass `filters` ({facet: [value, ...]}: any of
    a facet's values, every facet). The page and every facet's count read the same hits, so a count is what
    clicking that value shows (meaning_counts)."""
    return [hit for hit in meaning_hits if _passes(hit, filters)][: meaning.NEIGHBOURS]


def meaning_counts(words_hits, meaning_hits, filters):
    """{facet: {value: how many articles found by meaning only}} for each facet's values as its count means them:
    that value selected instead of the facet's own selection, every other facet as it is. For each value, that is
    nearest_within with the value as the facet's filter, counted in one pass over the hits."""
    by_words = {hit["_id"] for hit in words_hits}
    counts = {}
    for name, field_name in FACETS.items():
        others = {other: values for other, values in filters.items() if other != name}
        kept, counts[name] = {}, {}
        for hit in meaning_hits:
            if not _passes(hit, others):
                continue
            for value in hit.get("fields", {}).get(field_name, ()):
                kept[value] = kept.get(value, 0) + 1
                if kept[value] <= meaning.NEIGHBOURS and _by_meaning_only(hit, by_words):
                    counts[name][value] = counts[name].get(value, 0) + 1
    return counts


def page_body(identifiers):
    """The articles shown that the words' search did not bring back with their bodies (found by meaning, or any on a
    page after the first), by id: what the page shows."""
    return {"query": {"ids": {"values": identifiers}}, "size": len(identifiers), "_source": SHOWN_FIELDS + ["body"]}


FUSED_WORDS = PAGE_SIZE + meaning.NEIGHBOURS  # the words' best results fused with the meaning's, on every page


def fused_page(params, words_hits, meaning_hits, informative_words=(), generic_words=()):
    """The ids of this page's articles: the words' first FUSED_WORDS results and the meaning's fused by their scores
    (meaning.fused_order, with its guard for the articles naming every informative word), then the words' other
    results in their order. The fused part is the same on every page (the words' search brings back more
    results for a deeper page), so paging never shows an article twice or skips one."""
    start = (params.page - 1) * PAGE_SIZE
    order = meaning.fused_order(words_hits[:FUSED_WORDS], meaning_hits, informative_words, generic_words)
    fused = set(order)
    order += [hit["_id"] for hit in words_hits[FUSED_WORDS:] if hit["_id"] not in fused]
    return order[start : start + PAGE_SIZE]


def _by_meaning_only(hit, by_words):
    return hit["_id"] not in by_words and WORDS not in hit.get("matched_queries", ())


def meaning_only(words_hits, meaning_hits):
    """The articles found by meaning that the words do not match."""
    by_words = {hit["_id"] for hit in words_hits}
    return [hit for hit in meaning_hits if _by_meaning_only(hit, by_words)]


def _run_with_meaning(params, body, vector, forms, vocabulary):
    """The words' search and the meaning's in one round trip (msearch), fused (meaning.fused_order), then the articles
    shown that the words' search did not bring back; None when the index cannot answer the meaning's part (built
    before the vector field existed: rebuild it).

    The words' search counts its matches and their facets; the articles found by meaning only are added to both
    here (meaning_counts)."""
    index = library_alias()
    client = get_client()
    response = client.msearch(
        searches=[{"index": index}, words_body(params, body), {"index": index}, meaning_body(params, body, vector)]
    )
    by_words, by_meaning = response["responses"]
    if "error" in by_words:  # searched again alone, the words' search raises its error as it always did
        return None
    if "error" in by_meaning:
        logger.warning("The library index cannot search by meaning (rebuild it): %s", by_meaning["error"])
        return None
    words_hits, nearest = by_words["hits"]["hits"], by_meaning["hits"]["hits"]
    meaning_hits = nearest_within(nearest, params.filters())
    specific, generic, _unknown = split_words(params.query, vocabulary)
    shown = fused_page(params, words_hits, meaning_hits, specific, generic)
    found = {hit["_id"]: hit for hit in words_hits} if params.page == 1 else {}
    missing = [identifier for identifier in shown if identifier not in found]
    if missing:
        found.update((hit["_id"], hit) for hit in client.search(index=index, body=page_body(missing))["hits"]["hits"])
    added = meaning_only(words_hits, meaning_hits)
    unmarked = {hit["_id"] for hit in added}  # no words of the query: its summary is shown as it is
    counts = _counts_from_response(by_words)
    for name, extra in meaning_counts(words_hits, nearest, params.filters()).items():
        for value, number in extra.items():
            counts[name][value] = counts[name].get(value, 0) + number
    labels = topic_labels()
    return SearchResults(
        count=by_words["hits"]["total"]["value"] + len(added),
        hits=[
            _hit(found[identifier], labels, None if identifier in unmarked else forms)
            for identifier in shown
            if identifier in found
        ],
        facets=facets_from_counts(counts, params.filters()),
        page=params.page,
        backend="elasticsearch",
        word_count=by_words["hits"]["total"]["value"],
    )


def described(query, groups, editor_words):
    """search.vocabulary.describe (the editors' synonym words count as known)."""
    return describe(query, editor_words)


def informative(synonyms, language=None):
    """The synonyms that are not themselves generic: "knockoff" widens to "replica" and "dupe" but not to "fake" or
    "counterfeit", which most articles hold. They would tell articles apart as little as the generic words typed,
    and matching them is the slowest query there is (most of the library, each as a phrase).

    With a `language`, the synonyms of a language with fewer articles are left out when some others are left:
    "knockoffs" on the English site widens to "replica", not to "falsificado", which is rare in the library only
    because Spanish articles are fewer, and so outweighed every English word. A Spanish search keeps its English
    synonyms (common words weigh little, and an English article may be the only one on its subject)."""
    words = {word for synonym in synonyms for word in query_words(synonym)}
    if not words:
        return list(synonyms)
    known = describe(" ".join(sorted(words)))
    kept = [
        synonym
        for synonym in synonyms
        if not all(known.get(word) and known[word].generic for word in query_words(synonym))
    ]
    leaning_away = any(info.language not in (None, language) for info in known.values())
    if not language or not leaning_away:
        return kept
    sizes = articles_by_language()
    other = {synonym for synonym in kept if _of_fewer_articles(synonym, known, language, sizes)}
    return [synonym for synonym in kept if synonym not in other] if len(other) < len(kept) else kept


def _of_fewer_articles(synonym, known, language, sizes):
    """Every word of the synonym leans to a language (search.vocabulary.WordInfo.language) other than `language`,
    one with fewer articles, where a word is rare because its language is."""

    def leans_away(word):
        info = known.get(word)
        return bool(
            info and info.language not in (None, language) and sizes.get(info.language, 0) < sizes.get(language, 0)
        )

    return all(leans_away(word) for word in query_words(synonym))


def _corrected(params, correction, groups, editor_words, typed):
    corrected = replace(params, query=correction.text)
    results = _run(corrected, groups, described(correction.text, groups, editor_words))
    results.corrected_query, results.original_query = correction.text, typed
    return results


def elasticsearch_search(params):
    """Search the words as typed, or their correction when a word is misspelt (see search/spelling.py).

    A confident correction (every unknown word corrected) is searched instead of the words typed, and the
    results say so. Otherwise the words typed are searched and the correction offered ("Did you mean"); when
    they find little and the correction finds more, the correction's results are shown (the rescue).
    """
    if not params.query:
        return _run(params, [], None)
    typed = params.query
    groups = synonym_groups()
    editor_words = synonym_words()
    vocabulary = described(params.query, groups, editor_words)
    joined = join_split_words(params.query, vocabulary)
    if joined != params.query:  # "air bag" where the articles say "airbag": searched as the articles write it
        params = replace(params, query=joined)
        vocabulary = described(joined, groups, editor_words)
    correction = None if params.as_typed else correct(params.query, vocabulary, editor_words)
    if correction and correction.other_number:  # "airpod" where the articles say "airpods": the same word
        params = replace(params, query=correction.text)
        vocabulary = described(correction.text, groups, editor_words)
        correction = replace(correction, text=None, confident=False)  # its words of the other language stay
    alongside = correction.alongside if correction else ()
    if correction and correction.text is None:  # only words of the other language to search beside
        correction = None
    # Whether the words find anything is what decides (articles found by meaning only are no sign of it).
    if correction and correction.confident:
        results = _corrected(params, correction, groups, editor_words, typed)
        if results.matched_by_words:
            return results
    results = _run(params, groups, vocabulary, alongside)
    if correction and not correction.confident:
        if results.matched_by_words < RESCUE_BELOW:
            rescued = _corrected(params, correction, groups, editor_words, typed)
            if rescued.matched_by_words > results.matched_by_words:
                return rescued
        results.suggestion = correction.text
    return results


def promoted_hits(query, language):
    """Editors' best bets for this exact query (Wagtail search promotions)."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    query_string = query.lower().strip()
    if not query_string or query_string not in promoted_queries():
        return []
    promotions = (
        SearchPromotion.objects.filter(query__query_string=query_string, page__live=True)
        .select_related("page")
        .order_by("sort_order")
    )
    hits = []
    for promotion in promotions:
        page = promotion.page.specific
        if isinstance(page, ArticlePage):
            hit = page_hit(page, {page.pk: [{"slug": t.slug, "name": t.display_name} for t in page.topics.all()]})
            hit.promoted = True
            if promotion.description:
                hit.summary = promotion.description
                hit.highlight = escape(promotion.description)
            hits.append(hit)
    return hits


def search_library(params):
    """The library search. A tracking number in the query (search/pasted.py) is named on the page, and the rest of
    the query is searched, or a question on the number's subject when the number is all there is; as with a
    corrected spelling, the page says what was searched, and `as_typed` searches the query as it was typed."""
    pasted = find_pasted(params.query) if params.query else None
    searched = params
    if pasted and not params.as_typed:
        searched = replace(params, query=pasted.search_text(params.preferred_language))
    results = with_fallback(
        lambda: cached_search(searched, elasticsearch_search), lambda: database_search(searched), "the library search"
    )
    results.pasted = pasted
    if searched is not params:
        results.corrected_query = results.corrected_query or searched.query
        results.original_query = params.query
    if params.page == 1:
        results.promoted = promoted_hits(params.query, params.preferred_language)
        promoted_urls = {hit.url for hit in results.promoted}
        results.hits = [hit for hit in results.hits if hit.url not in promoted_urls]
    return results
