"""Surges and followed-search matching on a big database, read only (nothing is written, nothing migrated).

    .venv/bin/python bench/surges_bench.py --database-url postgres://cbp:cbp@127.0.0.1:5432/bench_1m_stats --runs 5

Times, on the database path (Elasticsearch off):
- the surge computation (triage/surges.py: the last 7 days against the 12 weeks before, every kind), with
  "now" set to the newest report so the windows hold data;
- matching one new report against 100 followed searches (unsaved Follow objects, triage/following.py), as the
  background worker does for each report.
Prints p50 / p95 in ms, the number of reports in the 13 weeks and the machine's load average.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, runs):
    times = []
    for _n in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    os.environ.pop("ELASTICSEARCH_URL", None)
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from datetime import timedelta

    from django.db import connection

    from reports.models import Report
    from triage import following, surges
    from triage.models import Follow, TriageReport

    with connection.cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = on")
    total = Report.objects.count()
    now = Report.objects.order_by("-submitted_at").values_list("submitted_at", flat=True).first() + timedelta(
        seconds=1
    )
    since = now - surges.WINDOW
    in_range = Report.objects.filter(submitted_at__gte=since - timedelta(weeks=surges.BASELINE_WEEKS)).count()
    print(
        f"{total:,} reports, {in_range:,} in the last 13 weeks; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores",
        flush=True,
    )

    result = surges.compute_surges(now)
    print(f"surges found: {len(result.surges)} (source: {result.source}, baseline {result.weeks} weeks)")
    for surge in result.surges[:5]:
        print(f"  {surge.kind} {surge.label}: {surge.explanation}")
    p50, p95 = timed(lambda: surges.compute_surges(now), args.runs)
    print(f"surge computation, last 7 days against 12 weeks: p50 {p50:.0f} ms, p95 {p95:.0f} ms", flush=True)

    newest = TriageReport.objects.filter(pk=Report.objects.latest("submitted_at").pk)
    countries = ["CN", "HK", "VN", "IN", "TR", "US", "MX"]
    follows = [
        Follow(kind=Follow.Kind.SEARCH, query=query)
        for n in range(100)
        for query in [
            f"shipped_from_country={countries[n % 7]}&priority=urgent"
            if n % 2
            else f"q=charger+melted&shipped_from_country={countries[n % 7]}"
        ]
    ]

    def match_one():
        for follow in follows:
            following.search_matches(follow, newest).exists()

    p50, p95 = timed(match_one, args.runs)
    print(f"matching one new report against 100 followed searches: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
