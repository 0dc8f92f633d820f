"""The library search when Elasticsearch is away: the database's own full-text index (search/fulltext.py), with
the same synonyms, spelling corrections and facets as on Elasticsearch, in the same shape of answer
(search/results.py). `search.queries.search_library` chooses between the two (search/fallback.py)."""

import hashlib
import re
from dataclasses import dataclass, replace

from library.models import ArticlePage

from .database_vocabulary import (
    DatabaseWord,
    cached_per_generation,
    describe_in_database,
    held_in_database,
    written_apart_in_database,
)
from .fulltext import matching_any_group
from .lookups import synonym_groups, synonym_words, topic_labels
from .results import FACETS, PAGE_SIZE, RESCUE_BELOW, SearchResults, facets_from_counts, page_hit
from .snippets import marked_forms
from .spelling import closer_dictionary_words, replaced, unknown_words
from .synonyms import expand_synonyms
from .vocabulary import WordInfo, is_listed, query_words

FALLBACK_LIMIT = 200  # the best matches weighed, counted and faceted


def plain_words(query):
    """The query's words, without quotes, brackets, operators or other search syntax.

    Wagtail's database search matches words only; passed through, a double quote breaks SQLite's full-text
    query (an "unterminated string" error) and other syntax can confuse PostgreSQL's.
    """
    return " ".join(re.findall(r"\w+", query))


def database_matches(query, described=None):
    """The ids of the live articles matching the query's words, or one of their synonyms, best first.

    Articles holding every word come first; then articles holding some of them, the rarer the words they hold
    the higher (each word weighs its inverse document frequency, search/database_vocabulary.py: a word most
    articles hold, such as "fake", adds little); then articles found only through an editor's synonym of a
    specific word, so a synonym widens the search without outranking what the person typed. The matching is the
    database's own full-text index (search/fulltext.py), fast at 100,000 articles. A word the articles write in
    two ("ebike": "e bike", search/database_vocabulary.py) matches them too, as on Elasticsearch.
    """
    text = plain_words(query)
    words = query_words(text)
    if described is None:  # one word: its matches are the database's own ranked ones, nothing to weigh
        described = describe_in_database(words) if len(words) > 1 else {}
    apart = {word: info.apart for word, info in described.items() if info.apart}
    # The same words give the same matches until an article is saved or an editor changes the synonyms: kept in
    # the cache, so the next page, another filter or sort, or the next person's same search skip the matching.
    groups = synonym_groups()
    key = hashlib.sha256(repr((text.lower(), groups, sorted(apart.items()))).encode()).hexdigest()
    return cached_per_generation(f"matches:{key}", lambda: _database_matches(text, words, described, groups, apart))


def _database_matches(text, words, described, groups, apart):
    # Ranked by the database (ts_rank or bm25): every word first, then any of them; the order among articles
    # holding equally informative words. When FALLBACK_LIMIT articles hold every word, those are the matches (they
    # come first): the others are not asked for. A word written in two is also searched as those two words side by
    # side ("ebike battery" or "e bike" battery).
    terms = text.split()
    every = [terms]
    if apart:
        every.append([apart.get(term.lower(), term) for term in terms])
    everything = matching_any_group(ArticlePage, every, FALLBACK_LIMIT)
    ranked = list(everything)
    if len(terms) > 1 and len(everything) < FALLBACK_LIMIT:
        found = set(everything)
        some = [[term] for term in terms] + [[phrase] for phrase in apart.values()]
        ranked += [pk for pk in matching_any_group(ArticlePage, some, FALLBACK_LIMIT) if pk not in found]
    everything = set(everything)
    # Articles holding every word keep the database's order. Among the others, each word an article holds adds its
    # weight, for the words whose every article was read (a word in more articles than MATCHES_READ is common:
    # it only orders articles through the database's rank).
    weights = {}
    for info in described.values():
        if info.complete:
            for pk in info.matches:
                weights[pk] = weights.get(pk, 0.0) + info.weight
    position = {pk: number for number, pk in enumerate(ranked)}
    pool = set(ranked) | set(weights)
    matches = sorted(
        pool,
        key=lambda pk: (
            pk not in everything,
            0 if pk in everything else -round(weights.get(pk, 0.0), 6),
            position.get(pk, len(ranked)),
            pk,
        ),
    )[:FALLBACK_LIMIT]
    specific = [word for word, info in described.items() if not info.generic] or words
    synonyms = expand_synonyms(" ".join(specific), groups)
    phrases = [plain_words(term).split() for term in synonyms]
    if any(phrases) and len(matches) < FALLBACK_LIMIT:
        found = set(matches)
        extra = [pk for pk in matching_any_group(ArticlePage, phrases, FALLBACK_LIMIT) if pk not in found]
        matches += extra[: FALLBACK_LIMIT - len(matches)]
    return matches


def database_correction(query, described):
    """(corrected query, confident) for the words no article holds, as on Elasticsearch (search/spelling.py): only
    words that are not real words, numbers or codes; the closest real word an article holds, or an editor's synonym
    word; (None, False) when there is nothing to correct."""
    from .spelling import _closer_listed_words

    editor_words = synonym_words()
    vocabulary = {
        word: WordInfo(
            word, in_index=info.known and not info.apart, listed=is_listed(word, editor_words), apart=info.apart
        )
        for word, info in described.items()
    }
    unknown = unknown_words(vocabulary)
    if not unknown:
        return None, False
    replacements = closer_dictionary_words({}, unknown, held_in_database)
    replacements = _closer_listed_words(replacements, unknown, editor_words)
    if not replacements:
        return None, False
    return replaced(query, replacements), set(replacements) == set(unknown)


@dataclass
class FallbackRow:
    """What the fallback weighs of one matching article: {facet: [values]} and its date."""

    pk: int
    published_at: object
    values: dict


def database_search(params):
    """The database fallback, with the misspelt words corrected as on Elasticsearch: a confident correction is
    searched instead ("Showing results for"), else offered ("Did you mean"), and shown when the words as typed find
    little and it finds more."""
    if not params.query:
        return _database_search(params)
    words = query_words(plain_words(params.query))
    if len(words) <= 1:  # one word: its own matches say whether the library knows it (one query fewer)
        results = _database_search(params)
        if results.count or not words:
            return results
        # No article holds it: the articles may write it in two ("ebike": "e-bike"), searched as typed or not.
        described = {words[0]: DatabaseWord(words[0], [], 0, 0, written_apart_in_database(words[0]))}
        if described[words[0]].apart:
            return _database_search(params, described)
        if params.as_typed:
            return results
    else:
        described = describe_in_database(words)
    correction, confident = (None, False) if params.as_typed else database_correction(params.query, described)
    if not correction and len(words) <= 1:
        return results
    if correction and confident:
        results = _database_search(replace(params, query=correction))
        if results.count:
            results.corrected_query, results.original_query = correction, params.query
            return results
    results = _database_search(params, described)
    if correction and not confident:
        if results.count < RESCUE_BELOW:
            rescued = _database_search(replace(params, query=correction))
            if rescued.count > results.count:
                rescued.corrected_query, rescued.original_query = correction, params.query
                return rescued
        results.suggestion = correction
    return results


def _database_search(params, described=None):
    """Wagtail's database search: plainer matching, the same shape of answer.

    Only the best FALLBACK_LIMIT matches (or newest articles, when browsing by filters) are weighed, so
    a large library stays answerable while Elasticsearch is away; counts and facets cover those.
    """
    # The up to 200 weighed articles are read as plain values (building 200 Page objects with their topics and
    # audiences cost half a second); only the page of hits shown is read as pages.
    pages = ArticlePage.objects.live().public()
    if params.query:
        matches = database_matches(params.query, described)
        pages = pages.filter(pk__in=matches)
    else:
        newest = pages.order_by("-first_published_at")
        pages = newest.filter(pk__in=newest.values("pk")[:FALLBACK_LIMIT])
    # One query for the rows and their topics and audiences (an article with two topics and two audiences comes
    # back four times); each list in name order, as the facets and the hits show them.
    by_pk, linked = {}, {"topic": {}, "audience": {}}
    for pk, published, kind, language, *links in pages.values_list(
        "pk",
        "first_published_at",
        "kind",
        "locale__language_code",
        "topics__slug",
        "topics__name",
        "audience__slug",
        "audience__name",
    ):
        if pk not in by_pk:
            by_pk[pk] = FallbackRow(
                pk, published, {"topic": [], "kind": [kind], "audience": [], "language": [language]}
            )
        for name, slug, label in (("topic", *links[:2]), ("audience", *links[2:])):
            if slug is not None:
                linked[name].setdefault(pk, {})[slug] = label
    for name, of_pages in linked.items():
        for pk, labels in of_pages.items():
            by_pk[pk].values[name] = sorted(labels, key=lambda slug, labels=labels: (labels[slug], slug))
    rows = list(by_pk.values())
    if params.query:
        order = {pk: position for position, pk in enumerate(matches)}
        rows.sort(key=lambda row: order.get(row.pk, 0))
    if params.sort == "newest" or not params.query:
        rows.sort(key=lambda row: row.published_at, reverse=True)
    row_values = {row.pk: row.values for row in rows}

    filters = params.filters()

    def passes(page, skip=None):
        return all(
            not wanted or set(wanted) & set(row_values[page.pk][name])
            for name, wanted in filters.items()
            if name != skip
        )

    counts = {}
    for name in FACETS:
        bucket = counts.setdefault(name, {})
        for page in rows:
            if passes(page, skip=name):
                for value in row_values[page.pk][name]:
                    bucket[value] = bucket.get(value, 0) + 1
    selected = [row for row in rows if passes(row)]
    start = (params.page - 1) * PAGE_SIZE
    shown = [row.pk for row in selected[start : start + PAGE_SIZE]]
    topic_names = topic_labels()
    labels_by_pk = {
        pk: [{"slug": slug, "name": topic_names.get(slug, slug)} for slug in row_values[pk]["topic"]] for pk in shown
    }
    pages_shown = ArticlePage.objects.filter(pk__in=shown).select_related("locale").defer("body").in_bulk()
    forms = marked_forms(params.query)
    return SearchResults(
        count=len(selected),
        hits=[page_hit(pages_shown[pk], labels_by_pk, forms) for pk in shown if pk in pages_shown],
        facets=facets_from_counts(counts, filters),
        page=params.page,
        backend="database",
    )
