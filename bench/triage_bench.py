"""Triage queue benchmark: how fast the staff listing and report submission are with many reports.

    .venv/bin/python bench/triage_bench.py --sizes 10000,1000000 --runs 30

For each size it fills a database of its own (bench/results/triage-<size>.sqlite3, or DATABASE_URL when
--database-url is given; never the developer's db.sqlite3) with generated reports, in bulk batches with
progress. Generation is resumable: run it again and it adds only what is missing. Then it measures, through
the real admin views (Django's test client, logged in as a member of `Triage officers`):

- the queue's first page with its default order (priority, then oldest first);
- the queue with a filter (status=new, priority=urgent);
- the queue with a text search (description, seller, address and brand);
- the CSV export is not timed (it streams the whole filtered list);
- a report submission through `reports.submission.submit_report` (validation included), which also runs
  the triage signal (priority with repeat-seller counts).

It prints p50/p95 in milliseconds per size as a Markdown table and writes it to bench/results/triage.md.
Elasticsearch is off (ELASTICSEARCH_URL dropped) so the numbers are the database's own.
This is a benchmark, not a test: it never fails on slow numbers.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))

WORDS = (
    "charger overheated melted plug burning smell fake logo misspelled stitching leather bag perfume "
    "cosmetics rash medicine pills tablets toy small parts battery swollen headphones sound poor "
    "packaging missing seal hologram serial number wrong shoes sole glue watch stopped"
).split()
SELLERS = [f"seller-{n}" for n in range(5000)]
DOMAINS = [f"shop{n}.example.com" for n in range(800)] + ["bargainmart.example.com"] * 200
MARKETPLACES = ["BargainMart", "ShopNow", "MegaBazaar", "DealHub", ""]
COUNTRIES = ["CN", "HK", "VN", "IN", "TR", "US", "MX", ""]
STATUSES = ["new"] * 5 + ["in_review"] * 2 + ["needs_info", "referred", "closed", "closed"]
PRIORITIES = ["low"] * 2 + ["normal"] * 6 + ["high"] * 2 + ["urgent"]


def configure(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ.pop("ELASTICSEARCH_URL", None)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["REPORT_FILES_ROOT"] = str(RESULTS / "triage-files")
    os.environ["PARTNER_API_RATE"] = "1000000/60"  # the bench measures speed, not the limit
    os.environ["STATISTICS_CACHE_SECONDS"] = "0"  # time the computation, not the cache
    import django

    django.setup()


def say(message):
    print(message, flush=True)


def setup_database():
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from library.models import ProductCategory

    for n, name in enumerate(["Chargers", "Medicines", "Toys", "Handbags", "Cosmetics", "Watches", "Shoes"]):
        ProductCategory.objects.get_or_create(
            slug=f"bench-{name.lower()}", defaults={"name": f"Bench {name}", "health_and_safety": n < 3}
        )


REPORT_COLUMNS = (
    "id tracking_number receipt_key_hash product_category_id brand product_name description currency"
    " marketplace seller_name listing_url order_number shipped_from_country carrier parcel_tracking_number"
    " reasons harm harm_description anonymous preferred_language consent_at status closed_reason priority urgent"
    " source submitted_at updated_at fingerprint idempotency_key_hash"
).split()
STATE_COLUMNS = (
    "report_id seller_key listing_host listing_key order_key parcel_key parcel_pattern first_action_at"
    " computed_priority priority_reasons"
).split()


def _insert(cursor, table, columns, rows):
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608 - constant names
    cursor.executemany(sql, rows)


def generate(size, batch_size=10000, seed=42):
    """Insert reports and their triage rows until there are `size`, in batches; resumable.

    Rows go in with executemany (the ORM's bulk_create runs at a few hundred reports a second here),
    one transaction per batch, so an interrupted run keeps every finished batch.
    """
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone

    from library.models import ProductCategory
    from reference.hosts import address_key, host_of
    from reference.sellers import seller_name_key
    from reports.models import Report
    from triage.purchase_numbers import reference_key, tracking_pattern

    category_ids = list(ProductCategory.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
    existing = Report.objects.count()
    if existing >= size:
        say(f"  {existing:,} reports already there")
        reset_id_sequence()
        return
    next_id = (Report.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    rng = random.Random(seed + existing)
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    started = time.perf_counter()
    done = existing
    while done < size:
        count = min(batch_size, size - done)
        reports, states = [], []
        for offset in range(count):
            pk = next_id + offset
            seller = rng.choice(SELLERS)
            url = f"https://{rng.choice(DOMAINS)}/item/{rng.randrange(10**6)}"
            status = rng.choice(STATUSES)
            order = f"ORD-{rng.randrange(10**8)}"
            parcel = f"9400{rng.randrange(10**18):018d}"
            submitted = adapt(now - timedelta(minutes=rng.randrange(60 * 24 * 730)))
            harm = rng.random() < 0.05
            reports.append(
                (
                    pk,
                    f"BX-{pk:09d}",
                    "0" * 64,
                    rng.choice(category_ids),
                    rng.choice(["Volta", "Lux", "Acme", "Zing", ""]),
                    " ".join(rng.sample(WORDS, 2)),
                    " ".join(rng.choices(WORDS, k=rng.randint(12, 40))),
                    "USD",
                    rng.choice(MARKETPLACES),
                    seller,
                    url,
                    order,
                    rng.choice(COUNTRIES),
                    "USPS",
                    parcel,
                    "[]",
                    harm,
                    "",
                    False,
                    "en",
                    submitted,
                    status,
                    "actioned" if status == "closed" else "",
                    "urgent" if harm else rng.choice(PRIORITIES),
                    harm,
                    "web",
                    submitted,
                    submitted,
                    f"{pk:064x}",
                    "",
                )
            )
            states.append(
                (
                    pk,
                    seller_name_key(seller)[:200],
                    host_of(url),
                    address_key(url)[:2000],
                    reference_key(order),
                    reference_key(parcel),
                    tracking_pattern(parcel),
                    None if status == "new" else submitted,
                    "normal",
                    "[]",
                )
            )
        with transaction.atomic(), connection.cursor() as cursor:
            _insert(cursor, "reports_report", REPORT_COLUMNS, reports)
            _insert(cursor, "triage_triagestate", STATE_COLUMNS, states)
        next_id += count
        done += count
        rate = (done - existing) / (time.perf_counter() - started)
        say(f"  {done:,}/{size:,} reports ({rate:,.0f}/s)")
    reset_id_sequence()


def reset_id_sequence():
    """The ids were given explicitly: move PostgreSQL's id sequence past them (SQLite needs nothing)."""
    from django.core.management.color import no_style
    from django.db import connection

    from reports.models import Report

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Report]):
            cursor.execute(sql)


def officer_client():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(username="bench-officer", defaults={"email": "b@example.gov"})
    user.groups.add(Group.objects.get(name="Triage officers"))
    client = Client()
    client.force_login(user)
    return client


def timed(fn, runs):
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def measure(runs):
    from django.urls import reverse

    from reports.submission import submit_report
    from reports.validation import validate_report

    client = officer_client()
    url = reverse("triage:index")

    def get(params):
        def run():
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        return run

    counter = iter(range(10**9))

    def submit():
        n = next(counter)
        cleaned, errors = validate_report(
            {
                "product_category": "bench-chargers",
                "description": "The charger overheated and melted the plug after ten minutes of use.",
                "marketplace": "BargainMart",
                "seller_name": f"seller-{n % 5000}",
                "listing_url": f"https://bargainmart.example.com/item/{n}",
                "shipped_from_country": "CN",
                "reasons": ["price_too_low"],
                "harm": False,
                "anonymous": True,
                "consent": True,
            }
        )
        assert not errors, errors
        submit_report(cleaned, [], source="api", client=f"bench-{time.time_ns()}")

    partner_key = bench_partner()

    def api(path, **headers):
        def run():
            response = client.get(path, **headers)
            assert response.status_code == 200, (path, response.status_code)

        return run

    return {
        "queue, first page": timed(get({}), runs),
        "queue, filter status+priority": timed(get({"status": "new", "priority": "urgent"}), runs),
        "queue, text search": timed(get({"q": "melted"}), runs),
        "queue, search + filter": timed(get({"q": "seller-42", "status": "new"}), runs),
        "report submission": timed(submit, runs),
        "API: weekly statistics, 12 weeks": timed(api("/api/v1/statistics/weekly"), runs),
        "API: weekly statistics, 52 weeks, CSV": timed(api("/api/v1/statistics/weekly.csv?weeks=52"), runs),
        "API: partner referrals, first page (of 500)": timed(
            api("/api/v1/partner/referrals", HTTP_AUTHORIZATION=f"Bearer {partner_key}"), runs
        ),
    }


def bench_partner(referrals=500):
    """A partner with `referrals` referrals of reports on its store, and a key (made again on each run)."""
    from partners.keys import create_key
    from partners.models import Partner
    from reports.models import Report
    from triage.models import Referral

    partner, _ = Partner.objects.get_or_create(name="Bench market", defaults={"domains": "bargainmart.example.com"})
    missing = referrals - Referral.objects.filter(recipient=partner).count()
    if missing > 0:
        reports = Report.objects.filter(listing_url__startswith="https://bargainmart.example.com/")
        Referral.objects.bulk_create(
            Referral(report_id=pk, agency="marketplace", recipient=partner, note="Bench referral")
            for pk in reports.values_list("pk", flat=True)[:missing]
        )
    return create_key(partner=partner, name="bench", scopes=["reports:read-own-referrals"])[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", help="use this database instead of bench/results/triage-<size>.sqlite3")
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.database_url and len(sizes) > 1:
        parser.error("--database-url takes one size")
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in sizes:
        database_url = args.database_url or f"sqlite:///{RESULTS / f'triage-{size}.sqlite3'}"
        if size != sizes[0]:
            # Django is configured once per process; run each further size in a child process.
            import subprocess

            command = [sys.executable, __file__, "--sizes", str(size), "--runs", str(args.runs)]
            if args.generate_only:
                command.append("--generate-only")
            subprocess.run(command, check=True)
            continue
        say(f"== {size:,} reports ({database_url.split('///')[-1]})")
        configure(database_url)
        setup_database()
        generate(size)
        if args.generate_only:
            continue
        from reports.models import Report

        say(f"  measuring with {Report.objects.count():,} reports, {args.runs} runs each")
        for name, (p50, p95) in measure(args.runs).items():
            rows.append((size, name, p50, p95))
            say(f"  {name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    if rows:
        from django.db import connection

        table = [
            f"Database: {connection.vendor}. Runs: {args.runs}.",
            "",
            "| reports | what | p50 ms | p95 ms |",
            "| ---: | --- | ---: | ---: |",
        ]
        table += [f"| {size:,} | {name} | {p50:.0f} | {p95:.0f} |" for size, name, p50, p95 in rows]
        text = "\n".join(table)
        print("\n" + text)
        with (RESULTS / "triage.md").open("a") as out:
            out.write(f"\n## {time.strftime('%Y-%m-%d %H:%M')}\n\n{text}\n")


if __name__ == "__main__":
    main()
