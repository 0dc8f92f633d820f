"""Ranking quality on the generated benchmark library, scored automatically, for both search backends.

    .venv/bin/python bench/generated_eval.py --size 10000 [--queries 200] [--backends elasticsearch,database]

Every generated article (bench/vocabulary.py) is a function of the seed and its number, so its topics and
the words its title and summary were filled in with (its product, hazard, marketplace, person, place: its
*key words*) are known without reading the database. For a seeded sample of articles this script makes one
query each, as the public would type it:

- the article's first key words (2 to 3 of them), in its own language;
- 30% with a typo injected (a dropped, doubled or swapped letter, from a seeded generator);
- 35% with a generic word added ("fake", "counterfeit", "how to spot", "online"...; Spanish ones for
  Spanish articles), a third of those also with a typo: the "typo next to a common word" case;
- half of the Spanish queries typed without accents.

Grades: the article itself 3; another generated article whose key words hold every key word of the query
(the query cannot tell them apart) 2; an article sharing the sampled article's main topic 1. NDCG@5 is
computed against the ideal order (3, then the 2s, then 1s); MRR is the reciprocal rank of the first
result graded 2 or 3 (the article or its twin). A "needless suggestion" is a "did you mean" on a query
with no injected typo.

The library and its database search index come from bench/generate_library.py (resumable: built here if
missing), the Elasticsearch index from bench/es_index.py's build under this script's own prefix
(`evalbench-<size>`, kept for the next run; `--drop-index` deletes it at the end), so it never collides
with bench/search_bench.py's `bench-<size>` indexes. Each query waits at most `--query-timeout` seconds
(the database fallback on SQLite can take minutes at 10,000 articles); one that runs out counts as NDCG 0
and is reported as timed out. Results are printed and written to bench/results/generated-eval-<time>.md
and .json.
"""

import argparse
import json
import os
import random
import re
import sys
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocabulary  # noqa: E402
from generate_library import RESULTS, database_path, say  # noqa: E402

BACKENDS = ("elasticsearch", "database")
GENERIC = {
    "en": ["fake", "counterfeit", "knockoff", "how to spot fake", "scam", "{} online", "cheap {}"],
    "es": ["falsos", "falsificados", "cómo detectar {}", "estafa", "{} en línea"],
}
STOPWORDS = {
    "en": set(vocabulary.SMALL_WORDS) | {"is", "this", "your", "you", "what", "how", "about", "s"},
    "es": {"a", "al", "de", "del", "el", "en", "la", "las", "lo", "los", "para", "por", "que", "qué", "su", "sus"}
    | {"un", "una", "y", "o", "con", "sobre", "es", "este", "cómo"},
}


def words(text):
    return re.findall(r"[\w'-]+", text.lower())


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def template_words(language):
    """Words that come from the title and summary templates, not from the article's own slots."""
    templates = [
        *(t for kind in vocabulary.TITLES[language].values() for t in kind),
        *vocabulary.TOPIC_TITLES[language],
        *vocabulary.SENTENCES[language]["summary"],
    ]
    found = {w for template in templates for w in words(re.sub(r"\{\w+\}", " ", template))}
    fake = {w for phrase in vocabulary.FAKE[language] for w in words(phrase)}
    return found | fake | STOPWORDS[language] | {"fakes", "genuine", "real"}


TEMPLATE_WORDS = {language: template_words(language) for language in ("en", "es")}


def stem(word, language="en"):
    """Singular and plural as one: batteries/battery, watches/watch, cargadores/cargador."""
    if language == "es" and re.search(r"[^aeiouáéíóú]es$", word):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(ch|sh|x|ss)es$", word):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def key_words(article):
    """The article's own words, in order: those its title, then its summary, were filled in with."""
    language = article["language"]
    seen, stems = [], set()
    for text in (article["title"], article["summary"]):
        for word in words(text):
            root = stem(word, language)  # "bank" and "banks" are one key word
            if word not in TEMPLATE_WORDS[language] and not word.isdigit() and len(word) > 2 and root not in stems:
                seen.append(word)
                stems.add(root)
    return seen


def make_query(article, rng):
    """(query, kind, key words it holds, whether a typo was injected) for one sampled article."""
    language = article["language"]
    keys = key_words(article)[: rng.choice([2, 3])] or words(article["title"])[:2]
    typed = list(keys)
    roll = rng.random()
    kind = "plain"
    typo = roll < 0.30 or (roll >= 0.65 and rng.random() < 1 / 3)
    if typo:
        candidates = [i for i, word in enumerate(typed) if len(word) >= 5]
        if candidates:
            i = rng.choice(candidates)
            typed[i] = vocabulary.typo(typed[i], rng)
        typo = typed != keys
    query = " ".join(typed)
    if roll >= 0.65:
        generic = rng.choice(GENERIC[language])
        query = generic.format(query) if "{}" in generic else f"{generic} {query}"
        kind = "generic"
    if typo:
        kind = "generic+typo" if kind == "generic" else "typo"
    if language == "es":
        kind = f"spanish {kind}"
        if rng.random() < 0.5:
            query = strip_accents(query)
    return query, kind, keys, typo


# --- The library and its indexes ------------------------------------------------------------------------


def configure(database_url, elasticsearch_url, prefix):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ["ELASTICSEARCH_URL"] = elasticsearch_url
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = prefix
    # This measures quality, not speed: wait for a busy cluster rather than fall back to the database.
    os.environ["ELASTICSEARCH_TIMEOUT"] = "120"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    import django

    django.setup()


def ensure_library(size, seed):
    import generate_library

    generate_library.setup()
    generate_library.generate(size, seed)
    generate_library.db_index()


def ensure_elasticsearch_index(size):
    """The library index under this script's prefix: reused when it holds every live article."""
    import es_index

    from search.connection import get_client
    from search.library_index import LIBRARY, indexable_articles

    client = get_client()
    wanted = indexable_articles().count()
    if client.indices.exists_alias(name=LIBRARY.alias) and client.count(index=LIBRARY.alias)["count"] == wanted:
        say(f"  Elasticsearch index {LIBRARY.alias}: {wanted:,} articles indexed already")
        return
    es_index.build(size)


def drop_elasticsearch_index():
    from search.connection import get_client
    from search.library_index import LIBRARY

    client = get_client()
    for name in client.indices.get(index=f"{LIBRARY.alias}-*"):
        client.indices.delete(index=name)


# --- Searching and scoring --------------------------------------------------------------------------------


class TimedOut(Exception):
    pass


def limit_database_time(seconds):
    """Make the database give up on a query after `seconds` (SQLite: a progress handler; PostgreSQL: a
    statement timeout). Returns a function that restarts the clock for the next query."""
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "sqlite":
        deadline = [0.0]
        connection.connection.set_progress_handler(lambda: int(time.monotonic() > deadline[0]), 10_000)

        def restart():
            deadline[0] = time.monotonic() + seconds

        return restart
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{int(seconds * 1000)}"])
    return lambda: None


def run_query(query, language, backend):
    from django.db import DatabaseError
    from django.test import override_settings

    from search.queries import SearchParams, search_library

    overrides = {"ELASTICSEARCH_URL": ""} if backend == "database" else {}
    try:
        with override_settings(**overrides):
            results = search_library(SearchParams(query=query, preferred_language=language))
    except DatabaseError as error:
        if "interrupted" in str(error) or "statement timeout" in str(error):
            raise TimedOut from error
        raise
    if results.backend != backend:
        raise SystemExit(f"Asked {backend} and {results.backend} answered: is Elasticsearch running?")
    return results


def score(results, own_slug, twins, topic_slug):
    from search.evaluation.metrics import dcg

    grades = []
    for hit in (results.promoted + results.hits)[:5]:
        if hit.slug == own_slug:
            grades.append(3)
        elif hit.slug in twins:
            grades.append(2)
        else:
            grades.append(1 if topic_slug in {t["slug"] for t in hit.topics} else 0)
    ideal = [3] + [2] * min(4, len(twins)) + [1] * 4
    found = [i for i, grade in enumerate(grades, start=1) if grade >= 2]
    return dcg(grades) / dcg(ideal[:5]), (1 / found[0] if found else 0.0), bool(found)


# --- The run --------------------------------------------------------------------------------------------------


def sample(size, seed, count, library_seed):
    """`count` generated articles, the query made for each, and the key words of every generated article."""
    from library.models import ArticlePage

    demo = ArticlePage.objects.live().filter(latest_revision__isnull=False).count()
    generated = size - demo
    say(f"  reading the key words of {generated:,} generated articles (from the seed, no database)...")
    keys_of = {}
    articles = {}
    for number in range(1, generated + 1):
        article = vocabulary.article(library_seed, number)
        keys_of[article["slug"]] = {stem(word, article["language"]) for word in key_words(article)}
        articles[number] = article
    rng = random.Random(seed)
    cases = []
    for number in sorted(rng.sample(range(1, generated + 1), min(count, generated))):
        article = articles[number]
        query, kind, keys, typo = make_query(article, random.Random(seed * 1_000_003 + number))
        wanted = {stem(word, article["language"]) for word in keys}
        twins = {slug for slug, held in keys_of.items() if slug != article["slug"] and wanted <= held}
        cases.append(
            {
                "number": number,
                "slug": article["slug"],
                "language": article["language"],
                "topic": article["topics"][0],
                "query": query,
                "kind": kind,
                "typo": typo,
                "twins": twins,
            }
        )
    return cases


def evaluate(cases, backends, query_timeout, verbose):
    from library.models import Topic

    topic_slugs = dict(Topic.objects.values_list("name", "slug"))
    restart = limit_database_time(query_timeout)
    rows = []
    for backend in backends:
        say(f"  {backend}: {len(cases)} queries")
        for case in cases:
            restart()
            started = time.monotonic()
            try:
                results = run_query(case["query"], case["language"], backend)
            except TimedOut:
                row = {"ndcg": 0.0, "rr": 0.0, "top5": False, "suggestion": None, "timed_out": True, "top": []}
            else:
                ndcg, rr, top5 = score(results, case["slug"], case["twins"], topic_slugs[case["topic"]])
                top = [hit.slug for hit in (results.promoted + results.hits)[:3]]
                row = {"ndcg": ndcg, "rr": rr, "top5": top5, "suggestion": results.suggestion, "timed_out": False}
                row["top"] = top
            row.update(
                backend=backend, seconds=time.monotonic() - started, **{k: case[k] for k in case if k != "twins"}
            )
            row["needless_suggestion"] = bool(row["suggestion"]) and not case["typo"]
            rows.append(row)
            if verbose:
                say(
                    f"    {backend:<13} ndcg {row['ndcg']:.2f}  {case['kind']:<22} {case['query']!r:<48} "
                    f"{'TIMED OUT' if row['timed_out'] else '-> ' + ', '.join(row['top'])}"
                    + (f"  | did you mean {row['suggestion']!r}" if row["suggestion"] else "")
                )
    return rows


def summary_table(rows, backends):
    def line(label, backend, group):
        count = len(group)
        if not count:
            return None
        mean = lambda key: sum(r[key] for r in group) / count  # noqa: E731
        spelt = [r for r in group if not r["typo"]]
        needless = sum(r["needless_suggestion"] for r in spelt)
        timed_out = sum(r["timed_out"] for r in group)
        return (
            f"| {label} | {backend} | {count} | {mean('ndcg'):.3f} | {mean('rr'):.3f} | {mean('top5'):.0%} | "
            f"{needless} of {len(spelt)} | {timed_out} |"
        )

    lines = [
        "| queries | backend | n | NDCG@5 | MRR | article in top 5 | needless suggestions | timed out |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    kinds = sorted({r["kind"] for r in rows})
    for backend in backends:
        group = [r for r in rows if r["backend"] == backend]
        lines.append(line("**all**", backend, group))
        lines += [line(kind, backend, [r for r in group if r["kind"] == kind]) for kind in kinds]
    return "\n".join(line for line in lines if line)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000, help="live articles in the library (default 10000)")
    parser.add_argument("--queries", type=int, default=200, help="sampled articles, one query each (default 200)")
    parser.add_argument("--backends", default="elasticsearch,database")
    parser.add_argument("--seed", type=int, default=13, help="sampling and typo seed (default 13)")
    parser.add_argument("--library-seed", type=int, default=2026, help="generate_library.py's --seed")
    parser.add_argument("--database-url", help="default: sqlite:///bench/results/bench-<size>.sqlite3")
    parser.add_argument("--elasticsearch-url", default="http://127.0.0.1:9200")
    parser.add_argument("--prefix", help="Elasticsearch index prefix (default evalbench-<size>)")
    parser.add_argument("--query-timeout", type=float, default=30, help="seconds a query may take (default 30)")
    parser.add_argument("--drop-index", action="store_true", help="delete this script's index at the end")
    parser.add_argument("--verbose", action="store_true", help="print every query's line")
    parser.add_argument(
        "--as-built",
        action="store_true",
        help="only read: use the database and index as they are (no migrate, no generating, no indexing), e.g. "
        "another run's library and index; the sample's key words still come from --library-seed",
    )
    args = parser.parse_args(argv)
    backends = [b for b in args.backends.split(",") if b]
    if not backends or set(backends) - set(BACKENDS):
        parser.error(f"--backends takes a comma-separated list of {', '.join(BACKENDS)}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url or f"sqlite:///{database_path(args.size).resolve()}"
    configure(database_url, args.elasticsearch_url, args.prefix or f"evalbench-{args.size}")
    say(f"Generated check on {args.size:,} articles ({database_url})")
    if not args.as_built:
        ensure_library(args.size, args.library_seed)
        if "elasticsearch" in backends:
            ensure_elasticsearch_index(args.size)
    cases = sample(args.size, args.seed, args.queries, args.library_seed)
    rows = evaluate(cases, backends, args.query_timeout, args.verbose)
    table = summary_table(rows, backends)
    say(table)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    header = f"# Generated check, {args.size:,} articles, {len(cases)} queries (seed {args.seed}), {stamp} UTC\n\n"
    (RESULTS / f"generated-eval-{stamp}.md").write_text(header + table + "\n")
    (RESULTS / f"generated-eval-{stamp}.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    if args.drop_index:
        drop_elasticsearch_index()


if __name__ == "__main__":
    main()
