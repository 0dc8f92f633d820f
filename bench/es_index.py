"""Build the Elasticsearch index of a benchmark library: resumable, with two bulk requests in flight.

    .venv/bin/python bench/es_index.py --size 100000 [--threads 3]

It does what `manage.py search_index --rebuild` does, with the same code per article
(`search.writing.create_index` and `write`, i.e. `ArticleDocument.source_for_page` and bulk requests of
200 articles), then swaps the alias `bench-<size>-library` to the new index. Two differences, for big sizes:

- no refreshes while it loads (`create_index(..., loading=True)`, then `finish_loading`), as `--rebuild`;
- two threads, so the next batch's documents are built in Python while Elasticsearch analyses the
  previous one (`--rebuild` does one after the other);
- resumable: the index being built is remembered in bench/results/<index prefix>.es.json (bench-<size>.es.json
  by default); after an interruption the next run with the same prefix indexes only the articles it does not hold
  yet.
"""

import argparse
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_library import RESULTS, configure, database_path, progress, say  # noqa: E402


def build(size, threads=3, batch_size=200):
    from django.conf import settings
    from django.db import connections
    from elasticsearch.helpers import scan

    from search.availability import ELASTICSEARCH_ERRORS
    from search.connection import get_client
    from search.library_index import LIBRARY, indexable_articles
    from search.writing import create_index, finish_loading, new_index_name, write

    client = get_client()
    alias = LIBRARY.alias
    # One state file per prefix: a build under another prefix (e.g. bench-100000v, with vectors) never resumes into,
    # or swaps and deletes, the default one's indexes.
    RESULTS.mkdir(parents=True, exist_ok=True)
    state_file = RESULTS / f"{settings.ELASTICSEARCH_INDEX_PREFIX}.es.json"
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    name = state.get("index")
    if name and client.indices.exists(index=name):
        client.indices.refresh(index=name)
        done = {int(hit["_id"]) for hit in scan(client, index=name, query={"query": {"match_all": {}}}, _source=False)}
        say(f"  resuming {name}: {len(done):,} articles indexed already")
    else:
        name = create_index(LIBRARY, new_index_name(LIBRARY), loading=True)  # no refreshes until the end
        state_file.write_text(json.dumps({"index": name}))
        done = set()
    wanted = sorted(set(indexable_articles().values_list("pk", flat=True)) - done)
    say(f"  Elasticsearch index {name}: {len(wanted):,} articles to index with {threads} threads")

    started = time.monotonic()
    lock = threading.Lock()
    count = 0

    def index_batch(ids):
        try:
            pages = list(indexable_articles().filter(pk__in=ids))
            for attempt in range(3):
                try:
                    return write(LIBRARY, pages, index=name)
                except ELASTICSEARCH_ERRORS:
                    if attempt == 2:
                        raise
                    time.sleep(5)
        finally:
            connections.close_all()

    batches = [wanted[i : i + batch_size] for i in range(0, len(wanted), batch_size)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(index_batch, ids) for ids in batches]
        try:
            for future in as_completed(futures):
                with lock:
                    count += future.result()
                    progress("Elasticsearch index", count, len(wanted), started)
        except BaseException:
            for future in futures:
                future.cancel()
            print(flush=True)
            say(f"  stopped; run again to resume {name}")
            raise
    print(flush=True)

    # The swap `search.rebuilding.rebuild` makes: the alias moves to the new index in one call, the old ones go.
    finish_loading(name)  # refreshes back on, one refresh now
    old = list(client.indices.get_alias(name=alias).keys()) if client.indices.exists_alias(name=alias) else []
    actions = [{"remove": {"index": index, "alias": alias}} for index in old if index != name]
    if not old and client.indices.exists(index=alias):
        client.indices.delete(index=alias)
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for index in client.indices.get(index=f"{alias}-*"):
        if index != name:
            client.indices.delete(index=index)
    state_file.unlink(missing_ok=True)
    total = client.count(index=alias)["count"]
    say(f"  Elasticsearch index {name}: {total:,} documents behind the alias {alias}")
    return time.monotonic() - started


def took_seconds(seconds):
    return f"indexing took {seconds:.0f} s"


def vectors_on():
    from search.meaning import is_enabled

    return is_enabled()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--database", help="SQLite file or database URL (default bench/results/bench-<size>.sqlite3)")
    parser.add_argument("--elasticsearch-url", default="http://127.0.0.1:9200")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--prefix", help="index prefix (default bench-<size>)")
    args = parser.parse_args(argv)
    # Bulk requests of 200 long articles can take longer than the site's 5-second search timeout on a busy
    # machine; this process only indexes, so it waits longer (and retries a batch twice).
    os.environ["ELASTICSEARCH_TIMEOUT"] = "120"
    # Each batch opens its own database connection; on a loaded machine that can take longer than the site's 5 s.
    os.environ.setdefault("DATABASE_CONNECT_TIMEOUT_SECONDS", "60")
    prefix = args.prefix or f"bench-{args.size}"
    configure(args.database or database_path(args.size), (args.elasticsearch_url, prefix))
    say(f"  {took_seconds(build(args.size, args.threads))} (vectors {'on' if vectors_on() else 'off'})")


if __name__ == "__main__":
    main()
