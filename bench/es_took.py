"""Elasticsearch's own `took` for the site's search body against a plain BM25 query, on a benchmark index.

    .venv/bin/python bench/es_took.py --size 10000 [--database URL] [--elasticsearch-url URL]

For each query of the bench's seeded mix it sends, straight to the index `bench-<size>-library`:
- `plain`: a `multi_match` of the words over title, summary and body (10 hits), the floor;
- `site`: the body the site sends (search/queries.py `search_body`: facets, highlight, suggestions);
- `site without highlight`: the same without the highlight block, to show what highlighting costs.
Each body is sent once to warm up, then `--rounds` times; the median `took` of a query counts. It prints the
median and p95 over queries and the ratio site / plain, as JSON with --json.
"""

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocabulary  # noqa: E402
from generate_library import configure, database_path  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round((len(ordered) - 1) * fraction))]


def measure(size, count, rounds, seed):
    from library.models import Topic
    from search.connection import get_client, library_alias
    from search.lookups import synonym_groups
    from search.params import SearchParams
    from search.queries import expand_synonyms, search_body

    client = get_client()
    index = library_alias()
    slugs = sorted(Topic.objects.values_list("slug", flat=True))
    groups = synonym_groups()
    mix = [request for request in vocabulary.query_mix(seed, count, slugs) if request.get("q")]
    bodies = {"plain": [], "site": [], "site without highlight": []}
    for request in mix:
        params = SearchParams(
            query=request["q"],
            topics=[request["topic"]] if "topic" in request else [],
            kinds=[request["kind"]] if "kind" in request else [],
            languages=[request["language"]] if "language" in request else [],
            page=int(request.get("page", 1)),
            sort=request.get("sort", "relevance"),
        )
        site = search_body(params, expand_synonyms(params.query, groups))
        bodies["site"].append(site)
        bodies["site without highlight"].append({key: value for key, value in site.items() if key != "highlight"})
        bodies["plain"].append(
            {"query": {"multi_match": {"query": params.query, "fields": ["title", "summary", "body"]}}, "size": 10}
        )
    took = {}
    for name, queries in bodies.items():
        per_query = []
        for body in queries:
            client.search(index=index, body=body, request_cache=False)
            per_query.append(
                statistics.median(
                    client.search(index=index, body=body, request_cache=False)["took"] for _ in range(rounds)
                )
            )
        took[name] = {"median_ms": statistics.median(per_query), "p95_ms": percentile(per_query, 0.95)}
    took["ratio"] = took["site"]["median_ms"] / max(took["plain"]["median_ms"], 1)
    took["queries"] = len(mix)
    return took


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--database", help="SQLite file or database URL (default bench/results/bench-<size>.sqlite3)")
    parser.add_argument("--elasticsearch-url", default="http://127.0.0.1:9200")
    parser.add_argument(
        "--queries", type=int, default=160, help="requests drawn from the mix (those with words count)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    configure(args.database or database_path(args.size), (args.elasticsearch_url, f"bench-{args.size}"))
    took = measure(args.size, args.queries, args.rounds, args.seed)
    if args.json:
        print(json.dumps(took))
        return
    print(f"{took['queries']} queries, {args.size:,} articles, Elasticsearch's took (median of {args.rounds}):")
    for name in ("plain", "site", "site without highlight"):
        print(f"  {name:24} median {took[name]['median_ms']:.0f} ms, p95 {took[name]['p95_ms']:.0f} ms")
    print(f"  site / plain: {took['ratio']:.1f}x")


if __name__ == "__main__":
    main()
