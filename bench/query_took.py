"""How long Elasticsearch itself takes (`took`) for the site's search query, against a plain BM25 query.

    .venv/bin/python bench/query_took.py --size 10000 [--elasticsearch-url http://127.0.0.1:9200] [--database URL]

Uses the library built by bench/generate_library.py and bench/es_index.py (run `es_index.py --size N` first,
or `search_bench.py --keep`). For the bench's seeded query mix (distinct queries only) it sends, one after
the other, each query's

- **plain**: a `multi_match` of the words over title, summary and body, 10 hits, nothing else;
- **site**: the body the site sends (search/queries.py `search_body`: facets, the rescore window, the shown
  fields and the body for the snippets, which the site makes itself since the sixteenth session), for the query
  the site would run (its spelling correction when it makes one);
- **lookups**: the site's requests before the search (the vocabulary lookup, and the spelling suggester
  when a word is unknown), summed per query; cached per word by the site, measured here uncached;
- with `--vectors` (an index built with vectors on, search/meaning.py): **site + meaning**, the searches the
  site sends when it matches by meaning too (in one msearch the words' search with the facets and the count, and
  the kNN search; then, when the page shown holds articles the words' search did not bring back, those by id),
  their `took` summed; **meaning alone**, the kNN search; **the page's others**, the third search (0 when not
  needed); and the time to compute the query's vector in Python (not part of `took`).

and prints the median and 95th percentile of `took` (ms) per kind and the site/plain ratio of the medians.
Each body is sent `--repeat` times (default 3) after one warm-up, and the median per query is kept.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocabulary as bench_vocabulary  # noqa: E402
from generate_library import configure, database_path, say  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def took(client, index, body, repeat):
    client.search(index=index, body=body, request_cache=False)
    return statistics.median(client.search(index=index, body=body, request_cache=False)["took"] for _ in range(repeat))


def site_bodies(params):
    """(lookup took ms, site body) for one search, as search/queries.py builds it."""
    from dataclasses import replace

    from django.core.cache import cache

    from search import spelling, vocabulary
    from search.connection import get_client
    from search.queries import informative, query_words, search_body, synonym_groups, synonym_words
    from search.synonyms import expand_synonyms

    lookups = []
    original_search = get_client().search

    def timed_search(*args, **kwargs):
        response = original_search(*args, **kwargs)
        lookups.append(response["took"])
        return response

    cache.clear()
    client = get_client()
    client.search = timed_search
    try:
        groups, editor_words = synonym_groups(), synonym_words()
        words = vocabulary.describe(params.query, editor_words)
        correction = spelling.correct(params.query, words)
        if correction and correction.confident:
            params = replace(params, query=correction.text)
            words = vocabulary.describe(params.query, editor_words)
    finally:
        client.search = original_search
    language = vocabulary.query_language(words)
    if language and not params.languages:
        params = replace(params, preferred_language=language)
    specific = [word for word in query_words(params.query) if word not in words or not words[word].generic]
    synonyms = informative(expand_synonyms(" ".join(specific), groups), params.preferred_language) if specific else []
    return sum(lookups), search_body(params, synonyms, words)


def meaning_bodies(params, site):
    """(ms to compute the query's vector, the words' body, the kNN body) as search/queries.py sends them."""
    import time

    from search import meaning
    from search.queries import meaning_body, words_body

    started = time.perf_counter()
    [vector] = meaning.embed([params.query])
    vector_ms = (time.perf_counter() - started) * 1000
    return vector_ms, words_body(params, site), meaning_body(params, site, vector)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--elasticsearch-url", default="http://127.0.0.1:9200")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--requests", type=int, default=220, help="requests drawn from the mix (default 220)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--vectors", action="store_true", help="also the site's search with matching by meaning")
    parser.add_argument("--prefix", help="index prefix (default bench-<size>)")
    parser.add_argument(
        "--database", help="SQLite file or database URL of the library (default bench/results/bench-<size>.sqlite3)"
    )
    args = parser.parse_args(argv)

    configure(args.database or database_path(args.size), (args.elasticsearch_url, args.prefix or f"bench-{args.size}"))
    from search.connection import get_client, library_alias
    from search.forms import SearchForm
    from search.queries import fused_page, nearest_within, page_body

    client, index = get_client(), library_alias()
    seen, searches = set(), []
    for request in bench_vocabulary.query_mix(args.seed, args.requests, []):
        key = tuple(sorted(request.items()))
        if key not in seen:
            seen.add(key)
            form = SearchForm(request)
            if form.is_valid():
                searches.append(form.params())
    say(f"{len(searches)} distinct searches on {index}")

    rows = {"plain": [], "site": [], "lookups": []}
    if args.vectors:
        rows |= {"site + meaning": [], "meaning alone": [], "the page's others": [], "query vector (Python)": []}
    for params in searches:
        plain = {
            "query": {"multi_match": {"query": params.query, "fields": ["title", "summary", "body"]}},
            "from": (params.page - 1) * 10,
            "size": 10,
        }
        lookup_ms, site = site_bodies(params)
        rows["plain"].append(took(client, index, plain, args.repeat))
        rows["site"].append(took(client, index, site, args.repeat))
        rows["lookups"].append(lookup_ms)
        if args.vectors and params.query and params.sort != "newest":
            vector_ms, words, knn = meaning_bodies(params, site)
            knn_took = took(client, index, knn, args.repeat)
            words_hits = client.search(index=index, body=words)["hits"]["hits"]
            shown = fused_page(
                params,
                words_hits,
                nearest_within(client.search(index=index, body=knn)["hits"]["hits"], params.filters()),
            )
            others = [identifier for identifier in shown if identifier not in {hit["_id"] for hit in words_hits}]
            page_took = took(client, index, page_body(others), args.repeat) if others else 0
            rows["site + meaning"].append(took(client, index, words, args.repeat) + knn_took + page_took)
            rows["meaning alone"].append(knn_took)
            rows["the page's others"].append(page_took)
            rows["query vector (Python)"].append(vector_ms)

    # `took` is whole milliseconds, so with a plain query of 1-3 ms the ratio of means says more than the medians.
    base, base_mean = statistics.median(rows["plain"]) or 1, statistics.mean(rows["plain"]) or 1
    say("| query | median took ms | p95 took ms | mean took ms | median / plain | mean / plain |")
    say("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, values in rows.items():
        median, mean = statistics.median(values), statistics.mean(values)
        say(
            f"| {name} | {median:g} | {percentile(values, 0.95):g} | {mean:.1f} | {median / base:.1f}x "
            f"| {mean / base_mean:.1f}x |"
        )


if __name__ == "__main__":
    main()
