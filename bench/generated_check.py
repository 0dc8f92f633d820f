"""A generated ranking check on a benchmark library: generic word + product, with typos, scored automatically.

    .venv/bin/python bench/generated_check.py --size 10000 [--elasticsearch-url URL] [--queries 120] [--verbose]

Uses the library of bench/generate_library.py and its index (bench/es_index.py). For `--queries` articles
drawn with a seed, it takes the product the title names (from bench/vocabulary.py's products, English and
Spanish) and asks for it the way the public does: next to a generic word ("fake", "counterfeit",
"falsificados"...), and with one slip of the finger in the product word for 40% of queries. A result is
relevant (grade 2) when its title names that product, partly (grade 1) when only its summary does. It prints
NDCG@5 (the ideal being five grade-2 results; every product has dozens of articles) and how many queries
were corrected or offered a "did you mean", per query with --verbose. Never a substitute for a judged set.
"""

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocabulary as bench_vocabulary  # noqa: E402
from generate_library import configure, database_path, say  # noqa: E402


def products(language):
    for topic in bench_vocabulary.TOPICS.values():
        yield from topic[language]


def product_in(text, singular, plural):
    text = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) for form in (plural, singular))


def grade(hit, singular, plural):
    if product_in(hit.title, singular, plural):
        return 2
    if product_in(hit.summary, singular, plural):
        return 1
    return 0


def cases(client, index, count, seed):
    rng = random.Random(seed)
    response = client.search(
        index=index,
        body={"size": 4000, "_source": ["title", "language"], "query": {"match_all": {}}, "sort": ["_doc"]},
    )
    docs = [hit["_source"] for hit in response["hits"]["hits"]]
    rng.shuffle(docs)
    made = []
    for doc in docs:
        language = doc["language"]
        found = [(sg, pl) for sg, pl in products(language) if product_in(doc["title"], sg, pl)]
        if not found:
            continue
        singular, plural = max(found, key=lambda forms: len(forms[1]))
        product = rng.choice([singular, plural])
        words = product.split()
        if rng.random() < 0.4:
            longest = max(range(len(words)), key=lambda i: len(words[i]))
            words[longest] = bench_vocabulary.typo(words[longest], rng)
        generic = rng.choice(bench_vocabulary.FAKE[language])
        product_typed = " ".join(words)
        query = f"{generic} {product_typed}" if language == "en" else f"{product_typed} {generic}"
        made.append((query, language, singular, plural))
        if len(made) == count:
            break
    return made


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--elasticsearch-url", default="http://127.0.0.1:9200")
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--database-url", help="the library's PostgreSQL database (default: its SQLite file in bench/results/)"
    )
    args = parser.parse_args(argv)

    configure(args.database_url or database_path(args.size), (args.elasticsearch_url, f"bench-{args.size}"))
    from search.connection import get_client, library_alias
    from search.evaluation.metrics import dcg
    from search.queries import SearchParams, search_library

    ideal = dcg([2] * 5)
    scores, corrected, suggested = [], 0, 0
    for query, language, singular, plural in cases(get_client(), library_alias(), args.queries, args.seed):
        results = search_library(SearchParams(query=query, preferred_language=language))
        grades = [grade(hit, singular, plural) for hit in results.hits[:5]]
        scores.append(dcg(grades) / ideal)
        corrected += bool(getattr(results, "corrected_query", None))
        suggested += bool(results.suggestion)
        if args.verbose:
            note = getattr(results, "corrected_query", None) or results.suggestion or ""
            say(f"ndcg={scores[-1]:.2f} {grades} {query!r} {note!r}")
    say(f"queries      {len(scores)}")
    say(f"NDCG@5       {sum(scores) / max(1, len(scores)):.3f}")
    say(f"corrected    {corrected}")
    say(f"did you mean {suggested}")


if __name__ == "__main__":
    main()
