"""Search benchmark: latency and throughput of /api/search, Elasticsearch against the database fallback.

    .venv/bin/python bench/search_bench.py --sizes 10000,100000 --requests 200

For each size it builds (or reuses) a library of that many live articles in bench/results/bench-<size>.sqlite3
(bench/generate_library.py), builds the Elasticsearch index under the prefix bench-<size> with
`manage.py search_index --rebuild`, then serves the site with gunicorn on 127.0.0.1 twice: with
ELASTICSEARCH_URL set, and without it (Wagtail's database search). Each server gets warm-up requests, then
the same seeded mix of queries at concurrency 1 and 8. It prints a Markdown table and writes it, with the
raw numbers, to bench/results/. The developer's database and indexes are never touched. The bench-<size>
Elasticsearch indexes are deleted at the end unless --keep is given.

This is a benchmark, not a test: it never fails on slow numbers. It exits non-zero only when it could not run.
"""

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
sys.path.insert(0, str(BENCH))

import vocabulary  # noqa: E402


def say(message=""):
    print(message, flush=True)


def database_url(size, template=None):
    """The benchmark library's database: `template` with {size} filled in (PostgreSQL), else its SQLite file."""
    return template.format(size=size) if template else f"sqlite:///{RESULTS / f'bench-{size}.sqlite3'}"


# The Elasticsearch index prefix of a size's library ({size} filled in); --prefix changes it (e.g. bench-{size}v for an
# index built with vectors beside the one without).
PREFIX = "bench-{size}"


def prefix(size):
    return PREFIX.format(size=size)


def base_env(size, elasticsearch_url=None, database=None):
    """The site's environment for one benchmark library: its own database and index prefix, DEBUG off.

    `database` is the --database-url template (PostgreSQL) or None (the library's SQLite file)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ELASTICSEARCH_", "DATABASE_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DEBUG="false",
        SECRET_KEY="bench-only-not-secret",  # noqa: S106 (local benchmark server on 127.0.0.1)
        DATABASE_URL=database_url(size, database),
        ELASTICSEARCH_INDEX_PREFIX=prefix(size),
        LOG_LEVEL="WARNING",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    if elasticsearch_url:
        env["ELASTICSEARCH_URL"] = elasticsearch_url
    return env


def run(command, env, label):
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode:
        raise SystemExit(f"{label} failed (exit {result.returncode}): {' '.join(map(str, command))}")
    return time.monotonic() - started


# --- Elasticsearch ------------------------------------------------------------------------------------


def es_request(url, method="GET", path="/"):
    request = urllib.request.Request(url.rstrip("/") + path, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (local node)
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def es_count(url, size):
    status, body = es_request(url, path=f"/{prefix(size)}-library/_count")
    return body["count"] if status == 200 else None


def es_delete(url, size):
    # Only this size's indexes, never anything outside <prefix>-library*.
    status, body = es_request(url, path=f"/_cat/indices/{prefix(size)}-library*?format=json")
    names = [row["index"] for row in body or []] if status == 200 else []
    for name in names:
        if name.startswith(f"{prefix(size)}-library"):
            es_request(url, method="DELETE", path=f"/{name}")
    return names


# --- The server -----------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving website.wsgi on 127.0.0.1 with the benchmark environment."""

    def __init__(self, env, workers, threads, log_path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        command = [
            str(GUNICORN),
            "website.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--timeout=300",
            "--graceful-timeout=5",
            "--log-level=warning",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited early; see {self.log_path}")
            try:
                # An invalid page number: answered (400) as soon as Django is up, without searching.
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                connection.request("GET", "/api/search?q=ready&page=0")
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status == 400:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"gunicorn did not answer within {timeout}s; see {self.log_path}")

    def workers(self):
        try:
            return [
                int(pid)
                for pid in Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
            ]
        except OSError:
            return []

    def stop(self):
        workers = self.workers()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        # A worker stuck in a long database query must not outlive its server and slow the next cell.
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()


# --- Load ---------------------------------------------------------------------------------------------


def one_request(port, params, backend, timeout):
    path = "/api/search?" + urlencode(params)
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
    except (OSError, http.client.HTTPException) as error:
        return time.perf_counter() - started, None, f"{type(error).__name__}: {error}", path
    elapsed = time.perf_counter() - started
    if response.status != 200:
        text = body[:200].decode("utf-8", "replace")
        if text.lstrip().lower().startswith("<!doctype html"):
            text = "an HTML error page (the server log has the traceback)"
        return elapsed, response.status, text, path
    try:
        answered_by = json.loads(body)["backend"]
    except (ValueError, KeyError):
        return elapsed, response.status, "not the expected JSON", path
    if answered_by != backend:
        # The site falls back to the database when Elasticsearch errs or times out: that is not an ES answer.
        return elapsed, response.status, f"answered by {answered_by}, not {backend}", path
    return elapsed, 200, None, path


def load(port, requests, concurrency, backend, budget, timeout):
    """Send `requests` (a list of query dicts) with `concurrency` threads; stop early after `budget` seconds."""
    results = []
    lock = threading.Lock()
    position = iter(range(len(requests)))
    started = time.perf_counter()

    def worker():
        while True:
            with lock:
                if time.perf_counter() - started > budget:
                    return
                i = next(position, None)
            if i is None:
                return
            outcome = one_request(port, requests[i], backend, timeout)
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(size, backend, port, concurrency, warmup, measured, args):
    warm, _ = load(port, warmup, concurrency, backend, args.warmup_budget, args.timeout)
    load_before = os.getloadavg()[0]
    results, wall = load(port, measured, concurrency, backend, args.budget, args.timeout)
    load_after = os.getloadavg()[0]
    latencies = [r[0] * 1000 for r in results]
    errors = [r for r in results if r[2] is not None]
    row = {
        "size": size,
        "backend": backend,
        "concurrency": concurrency,
        "requests": len(results),
        "planned": len(measured),
        "warmup": len(warm),
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "mean_ms": statistics.fmean(latencies) if latencies else float("nan"),
        "max_ms": max(latencies) if latencies else float("nan"),
        "rps": len(results) / wall if wall else float("nan"),
        "errors": len(errors),
        "timeouts": sum(1 for r in errors if r[1] is None and "timed out" in r[2]),
        "warmup_errors": sum(1 for r in warm if r[2] is not None),
        "error_examples": [{"status": r[1], "error": r[2], "path": r[3]} for r in errors[:5]],
        "wall_s": wall,
        # The machine's 1-minute load average around the cell: other work on it slows every number.
        "load": [round(load_before, 1), round(load_after, 1)],
    }
    cut = " (time budget reached)" if len(results) < len(measured) else ""
    say(
        f"    c={concurrency}: {row['requests']} requests{cut}, p50 {row['p50_ms']:.0f} ms, "
        f"p95 {row['p95_ms']:.0f} ms, {row['rps']:.1f} req/s, {row['errors']} errors, load {load_after:.1f}"
    )
    for example in row["error_examples"]:
        say(f"      error: {example['status']} {example['error']} ({example['path']})")
    return row


# --- Building a library --------------------------------------------------------------------------------


def prepare(size, args):
    """Generate (or reuse) the database and the Elasticsearch index for this size. Returns timings."""
    database = RESULTS / f"bench-{size}.sqlite3"
    timings_file = RESULTS / f"bench-{size}.timings.json"
    if args.fresh:
        for path in (database, timings_file, RESULTS / f"bench-{size}.es.json"):
            path.unlink(missing_ok=True)
        es_delete(args.elasticsearch_url, size)
    say(f"\n== {size:,} articles ==")
    env = base_env(size, database=args.database_url)
    step_file = RESULTS / f"bench-{size}.step.json"
    run(
        [
            PYTHON,
            BENCH / "generate_library.py",
            "--size",
            str(size),
            "--seed",
            str(args.seed),
            "--timings",
            step_file,
            *(["--database-url", database_url(size, args.database_url)] if args.database_url else []),
        ],
        env,
        "generating the library",
    )
    step = json.loads(step_file.read_text())
    previous = json.loads(timings_file.read_text()) if timings_file.exists() else {}
    # Keep the time each step took when it actually ran (a reused database reports 0 for the skipped steps).
    timings = {key: step[key] or previous.get(key, 0) for key in ("setup_s", "articles_s", "db_index_s")}
    info = {key: step[key] for key in step if not key.endswith("_s")}

    live = info["live_articles"]
    count = es_count(args.elasticsearch_url, size) if "elasticsearch" in args.backends else None
    if "elasticsearch" not in args.backends:
        timings["es_index_s"] = previous.get("es_index_s", 0)
        timings["es_build"] = previous.get("es_build", "?")
    elif count == live:
        say(f"  Elasticsearch index {prefix(size)}-library: {count:,} documents already")
        timings["es_index_s"] = previous.get("es_index_s", 0)
        timings["es_build"] = previous.get("es_build", "?")
    else:
        say(f"  Elasticsearch index {prefix(size)}-library: building ({live:,} articles, {args.es_build})")
        if args.es_build == "command":
            command = [PYTHON, "manage.py", "search_index", "--index", "library", "--rebuild"]
        else:
            command = [
                PYTHON,
                BENCH / "es_index.py",
                "--size",
                str(size),
                "--elasticsearch-url",
                args.elasticsearch_url,
                "--prefix",
                prefix(size),
                *(["--database", database_url(size, args.database_url)] if args.database_url else []),
            ]
        timings["es_index_s"] = run(
            command,
            base_env(size, args.elasticsearch_url, args.database_url),
            "building the Elasticsearch index",
        )
        timings["es_build"] = args.es_build
        count = es_count(args.elasticsearch_url, size)
        if count != live:
            raise SystemExit(f"The index holds {count} documents, the database {live} live articles.")
    timings["db_file_mb"] = database.stat().st_size / 1e6 if not args.database_url and database.exists() else 0
    timings_file.write_text(json.dumps(timings))
    return timings, info


def bench_size(size, args):
    timings, info = prepare(size, args)
    requests = vocabulary.query_mix(args.seed, args.warmup + args.requests, info["topic_slugs"])
    warmup, measured = requests[: args.warmup], requests[args.warmup :]
    rows = []
    for backend in args.backends:
        url = args.elasticsearch_url if backend == "elasticsearch" else None
        say(f"  {backend}: gunicorn --workers {args.workers} --threads {args.threads}, a fresh server per cell")
        for concurrency in args.concurrency:
            # A fresh server per cell: requests still running after a cell timed out cannot slow the next one.
            log_path = RESULTS / f"server-{size}-{backend}-c{concurrency}.log"
            env = base_env(size, url, args.database_url)
            if url and args.es_timeout:
                env["ELASTICSEARCH_TIMEOUT"] = str(args.es_timeout)
            if args.conn_max_age is not None:
                env["DATABASE_CONN_MAX_AGE"] = str(args.conn_max_age)
            server = Server(env, args.workers, args.threads, log_path)
            try:
                server.wait_ready()
                row = measure(size, backend, server.port, concurrency, warmup, measured, args)
                row["database"] = "postgresql" if args.database_url else "sqlite"
                rows.append(row)
            finally:
                server.stop()
            log = log_path.read_text()
            for needle in ("Elasticsearch unavailable", "Traceback"):
                if needle in log:
                    say(f"      the server logged {log.count(needle)} x {needle!r}; see bench/results/{log_path.name}")
    return rows, timings, info


# --- Report ---------------------------------------------------------------------------------------------


def backend_label(row):
    if row["backend"] == "database":
        return f"database ({'PostgreSQL' if row.get('database') == 'postgresql' else 'SQLite'})"
    return row["backend"]


def table(rows):
    lines = [
        "| size | backend | concurrency | requests | p50 ms | p95 ms | req/s | failed (timed out) | load avg |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        requests = f"{r['requests']}" + (f" of {r['planned']}*" if r["requests"] < r["planned"] else "")
        lines.append(
            f"| {r['size']:,} | {backend_label(r)} | {r['concurrency']} | {requests} | {r['p50_ms']:,.0f} "
            f"| {r['p95_ms']:,.0f} | {r['rps']:,.1f} | {r['errors']} ({r['timeouts']}) | {r['load'][0]}–{r['load'][1]} |"
        )
    return "\n".join(lines)


def timings_table(prepared):
    lines = [
        "| size | live articles (Spanish) | demo setup | insert articles | database search index | "
        "Elasticsearch index | SQLite file |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, (timings, info) in prepared.items():
        lines.append(
            f"| {size:,} | {info['live_articles']:,} ({info['spanish']:,}) | {timings['setup_s']:.0f} s "
            f"| {timings['articles_s']:.0f} s | {timings['db_index_s']:.0f} s "
            f"| {timings['es_index_s']:.0f} s ({timings.get('es_build', '?')}) "
            f"| {timings['db_file_mb']:,.0f} MB |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated library sizes (default 10000,100000)")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per cell (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="warm-up requests per cell (default 20)")
    parser.add_argument("--concurrency", default="1,8", help="comma-separated concurrency levels (default 1,8)")
    parser.add_argument("--backends", default="elasticsearch,database", help="which backends (default both)")
    parser.add_argument(
        "--budget",
        type=float,
        default=180,
        help="seconds per cell for the measured requests; a cell stops sending when it runs out and reports "
        "how many it sent (default 180)",
    )
    parser.add_argument(
        "--warmup-budget", type=float, default=60, help="seconds at most for the warm-up of a cell (default 60)"
    )
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds before one request counts as failed (default 30)"
    )
    parser.add_argument(
        "--es-build",
        choices=["parallel", "command"],
        default="parallel",
        help="build the Elasticsearch index with bench/es_index.py (resumable, 2 threads; default) or with "
        "`manage.py search_index --rebuild`",
    )
    parser.add_argument(
        "--es-timeout",
        type=float,
        help="ELASTICSEARCH_TIMEOUT for the served site (default: the site's, 5 s; past it a search falls "
        "back to the database)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (default 4)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database per size instead of SQLite files, {size} filled in, e.g. "
        "postgres://cbp:cbp@127.0.0.1:5432/bench_{size} (created and filled when missing)",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        help="DATABASE_CONN_MAX_AGE for the served site (default: the site's, 0, a new connection per request; "
        "deploy/shop-safe.env.example keeps them 60 s)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed for the articles and the queries")
    parser.add_argument("--fresh", action="store_true", help="regenerate the libraries instead of reusing them")
    parser.add_argument("--keep", action="store_true", help="keep the bench-<size> Elasticsearch indexes")
    parser.add_argument(
        "--prefix",
        default="bench-{size}",
        help="the Elasticsearch index prefix, {size} filled in (default bench-{size}; e.g. bench-{size}v for an index "
        "built with vectors)",
    )
    parser.add_argument(
        "--elasticsearch-url", default=os.environ.get("BENCH_ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    )
    args = parser.parse_args(argv)
    global PREFIX  # noqa: PLW0603 - one prefix for the whole run
    PREFIX = args.prefix
    args.sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    args.backends = [b.strip() for b in args.backends.split(",")]
    if set(args.backends) - {"elasticsearch", "database"}:
        parser.error("--backends takes elasticsearch and/or database")
    if not GUNICORN.exists():
        parser.error(f"{GUNICORN} is missing; run `make install`")
    status, _ = es_request(args.elasticsearch_url, path="/_cluster/health")
    if "elasticsearch" in args.backends and status != 200:
        raise SystemExit(
            f"Elasticsearch does not answer at {args.elasticsearch_url}; run scripts/elasticsearch.sh start"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    rows, prepared = [], {}
    failures = []
    try:
        for size in args.sizes:
            try:
                size_rows, timings, info = bench_size(size, args)
            except (SystemExit, Exception) as error:  # report the other sizes anyway
                failures.append(f"{size:,} articles: {error}")
                say(f"  failed: {error}")
                continue
            rows += size_rows
            prepared[size] = (timings, info)
    finally:
        if not args.keep and status == 200:
            for size in args.sizes:
                deleted = es_delete(args.elasticsearch_url, size)
                if deleted:
                    say(f"Deleted Elasticsearch index(es): {', '.join(deleted)}")
    total = time.monotonic() - started

    cpu = os.cpu_count()
    report = [
        f"Search benchmark, {datetime.now():%Y-%m-%d %H:%M}: {cpu} CPUs, gunicorn {args.workers} workers x "
        f"{args.threads} threads, {'PostgreSQL' if args.database_url else 'SQLite'}, Elasticsearch at {args.elasticsearch_url}; {args.warmup} warm-up "
        f"then {args.requests} requests per cell (budget {args.budget:.0f} s), seed {args.seed}; "
        f"the site's Elasticsearch timeout {args.es_timeout or 'default (5 s)'}"
        + (f", database connections kept {args.conn_max_age} s" if args.conn_max_age is not None else "")
        + ".",
        "",
        table(rows),
        "",
        "Building the libraries (time of the run that built them):",
        "",
        timings_table(prepared),
        "",
        f"Total time of this run: {total / 60:.1f} min.",
    ]
    if any(r["requests"] < r["planned"] for r in rows):
        report.insert(3, "")
        report.insert(4, "\\* the cell ran out of time (--budget) before sending every request.")
    for failure in failures:
        report.append(f"Not measured: {failure}")
    text = "\n".join(report)
    say("\n" + text)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"search-{stamp}.md").write_text(text + "\n")
    (RESULTS / f"search-{stamp}.json").write_text(
        json.dumps({"args": vars(args), "rows": rows, "prepared": prepared}, indent=1)
    )
    say(f"\nWritten to bench/results/search-{stamp}.md and .json")
    if failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
