"""Index rebuild speed: for each index, a full rebuild vs a raw bulk load of the same documents.

    .venv/bin/python bench/index_rebuild.py --database-url postgres://cbp:cbp@127.0.0.1:5432/cbp_bench \
        [--elasticsearch-url http://127.0.0.1:9200] [--reports 20000] [--importers 5000] [--articles 2000]

It fills the database (migrations, the demo library, generated articles, reports and importers; resumable:
run it again and it adds only what is missing), then for every index in the search registry:

- rebuild: `search.rebuilding.rebuild` as `manage.py search_index --rebuild` runs it (read from the
  database, build each document, bulk requests, alias swap, outbox replay), timed from start to swap;
- raw bulk: the same documents built beforehand (not timed), then only the bulk requests into a fresh index
  with the same mapping and settings (no refreshes while loading, one refresh at the end).

The two run in turns, --repeat times (3 by default), and the fastest of each counts: on a shared machine a
busy spell otherwise decides the ratio.

It prints documents per second for both as a Markdown table and the ratio (the goal: rebuild >= 0.5 x raw).
Indexes go under the prefix `bench-rebuild`; the old ones are removed by each rebuild. A benchmark, not a
test: it never fails on slow numbers.
"""

import argparse
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def configure(database_url, elasticsearch_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["ELASTICSEARCH_URL"] = elasticsearch_url
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = "bench-rebuild"
    # A bulk request of long articles can take longer than the site's search timeout on a busy machine.
    os.environ["ELASTICSEARCH_TIMEOUT"] = "120"
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    import django

    django.setup()
    from django.conf import settings

    # Generating data must not fill the outbox: the rebuild is what is measured.
    settings.ELASTICSEARCH_URL = ""


def say(message):
    print(message, flush=True)


def generate_importers(size, batch_size=2000):
    from importers.models import IdentifierKind, Importer, ImporterIdentifier, Program, TradeName, identifier_key
    from reference.sellers import seller_name_key

    done = Importer.objects.count()
    if done >= size:
        return
    say(f"  importers: generating {size - done:,}")
    today = date.today()
    while done < size:
        count = min(batch_size, size - done)
        numbers = range(done + 1, done + count + 1)
        importers = Importer.objects.bulk_create(
            [
                Importer(
                    legal_name=f"Bench Importer {n} LLC",
                    name_key=seller_name_key(f"Bench Importer {n} LLC"),
                    country="US",
                    program=Program.CTPAT_TRADE_COMPLIANCE,
                    vetted_on=today - timedelta(days=30),
                    valid_until=today + timedelta(days=300),
                )
                for n in numbers
            ]
        )
        TradeName.objects.bulk_create(
            [TradeName(importer=i, name=f"Brand {i.pk}", name_key=f"brand {i.pk}", sort_order=0) for i in importers]
        )
        ImporterIdentifier.objects.bulk_create(
            [
                ImporterIdentifier(
                    importer=i,
                    kind=IdentifierKind.DOMAIN,
                    value=f"importer{i.pk}.example.com",
                    match_key=identifier_key(IdentifierKind.DOMAIN, f"importer{i.pk}.example.com"),
                    sort_order=0,
                )
                for i in importers
            ]
        )
        done += count


def fill(args):
    import generate_library
    import triage_bench

    from reports.models import Report

    triage_bench.setup_database()
    generate_library.setup()
    generate_library.generate(args.articles, seed=42)
    if Report.objects.count() < args.reports:
        triage_bench.generate(args.reports)
    generate_importers(args.importers)


def measure(definition, repeat):
    """(documents, best rebuild seconds, documents, best raw bulk seconds): the two are run in turns, `repeat`
    times, so a busy spell of the (shared) machine weighs on both alike; the fastest run of each counts."""
    from search.connection import get_client
    from search.rebuilding import rebuild
    from search.writing import create_index, finish_loading, new_index_name, write_actions

    actions = [{"_id": pk, "_source": source} for batch in definition.batches() for pk, source in batch]
    rebuilds, raws = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        _name, count = rebuild(definition)
        rebuilds.append(time.perf_counter() - started)

        name = create_index(definition, new_index_name(definition), loading=True)
        for action in actions:
            action["_index"] = name
        started = time.perf_counter()
        write_actions(actions, chunk_size=definition.batch_size)
        finish_loading(name)
        raws.append(time.perf_counter() - started)
        get_client().indices.delete(index=name)
        say(f"    rebuild {rebuilds[-1]:.1f} s, raw bulk {raws[-1]:.1f} s")
    return count, min(rebuilds), len(actions), min(raws)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a database of its own (it is filled with data)")
    parser.add_argument("--elasticsearch-url", default="http://127.0.0.1:9200")
    parser.add_argument("--reports", type=int, default=20000)
    parser.add_argument("--importers", type=int, default=5000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--index", action="append", help="only this index (repeat for several)")
    parser.add_argument("--repeat", type=int, default=3, help="rebuild and raw bulk load this many times each")
    args = parser.parse_args(argv)
    configure(args.database_url, args.elasticsearch_url)
    fill(args)

    from django.conf import settings

    from search import registry

    settings.ELASTICSEARCH_URL = args.elasticsearch_url
    rows = []
    for definition in registry.definitions():
        if args.index and definition.name not in args.index:
            continue
        say(f"  {definition.name}: rebuilding, then a raw bulk load of the same documents...")
        count, rebuild_seconds, raw_count, raw_seconds = measure(definition, args.repeat)
        rebuild_rate, raw_rate = count / rebuild_seconds, raw_count / raw_seconds
        rows.append(
            f"| {definition.name} | {count:,} | {rebuild_seconds:.1f} | {rebuild_rate:,.0f} | {raw_seconds:.1f} "
            f"| {raw_rate:,.0f} | {rebuild_rate / raw_rate:.2f} |"
        )
    say("")
    say("| index | documents | rebuild s | rebuild docs/s | raw bulk s | raw bulk docs/s | rebuild / raw |")
    say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        say(row)


if __name__ == "__main__":
    main()
