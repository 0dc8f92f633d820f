"""Triage benchmark: the staff side (queue, report page) and report submission with many reports.

    .venv/bin/python bench/triage_bench.py --sizes 10000,1000000 --runs 20 \
        --database-url postgres://cbp:cbp@127.0.0.1:5432/bench_10k \
        --database-url postgres://cbp:cbp@127.0.0.1:5432/bench_1m

For each size it fills a database of its own (bench/results/triage-<size>.sqlite3, or the --database-url
given for that size, in the order of --sizes; never the developer's db.sqlite3) with generated reports, in bulk
batches with progress. Generation is resumable: run it again and it adds only what is missing. One report in
five is on bargainmart.example.com (200,000 at a million: a big shop's domain). Each size runs in a child
process, which migrates (and prints how long that took when it did anything), vacuums and analyses, then
measures through the real views with Django's test client, signed in (second factor passed) as a member of
`Triage officers`:

- the queue: first page in its default order, a deeper page, every filter, every sortable column (both
  directions where it matters), combinations, and the text search (PostgreSQL full-text search: Elasticsearch
  is off, ELASTICSEARCH_URL dropped) alone and with filters;
- a report's page (related reports, cases, referrals, timeline) for a report on the big shop domain, one on a
  small shop and the newest one;
- a report submission through the API (POST /api/v1/reports) and through the web form's last step (the steps
  before it are filled untimed), with the database task queue as in production (the related reports' priority
  is left to `db_worker`; the number of tasks waiting is printed);
- the public weekly statistics and a partner's referrals (API rows).

With `--elasticsearch-url URL` Elasticsearch stays on (indexes named bench-<size>-*): the reports index is
rebuilt with `search_index --index reports --rebuild` when its document count differs from the reports' (the
rebuild's documents per second are printed), the text-search and trends rows read it and are marked
"(Elasticsearch)", and a row the database had to answer instead says so. Such a run writes
bench/results/triage-<size>-es.json.

Each child writes bench/results/triage-<size>.json; the parent prints ONE Markdown table with the sizes side by
side (p50 / p95 in ms) and the growth of p95, and appends it to bench/results/triage.md. `--only queue,report`
measures only the rows starting with those words. This is a benchmark, not a test: it never fails on slow
numbers.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
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


def configure(database_url, elasticsearch_url=None, index_prefix=None):
    """Django's settings for a bench database; Elasticsearch off unless `elasticsearch_url` is given (then its
    indexes are named `<index_prefix>-<index>`, never the site's own)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    if elasticsearch_url:
        os.environ["ELASTICSEARCH_URL"] = elasticsearch_url
        os.environ["ELASTICSEARCH_INDEX_PREFIX"] = index_prefix
    else:
        os.environ.pop("ELASTICSEARCH_URL", None)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["REPORT_FILES_ROOT"] = str(RESULTS / "triage-files")
    os.environ["PARTNER_API_RATE"] = "1000000/60"  # the bench measures speed, not the limit
    os.environ["REPORT_RATE_SUBMIT"] = "1000000/60"
    # As in production: background work (raising related reports' priority) is queued for `db_worker`.
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
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


def ensure_reports_index():
    """With Elasticsearch on: rebuild the reports index (`search_index --index reports --rebuild`) when its
    document count differs from the number of reports. Returns the rebuild's documents per second, or None."""
    from django.core.management import call_command
    from elasticsearch import NotFoundError

    from reports.models import Report
    from search.connection import get_client, index_alias

    client, alias = get_client(), index_alias("reports")
    reports = Report.objects.count()
    try:
        client.indices.refresh(index=alias)
        documents = client.count(index=alias)["count"]
    except NotFoundError:
        documents = None
    if documents == reports:
        say(f"  reports index {alias}: {documents:,} documents, as many as reports")
        return None
    say(f"  reports index {alias}: {documents if documents is not None else 'no'} documents for {reports:,} reports")
    started = time.perf_counter()
    call_command("search_index", "--index", "reports", "--rebuild", stdout=sys.stdout)
    seconds = time.perf_counter() - started
    say(f"  rebuild of {reports:,} reports: {seconds:.0f} s, {reports / seconds:,.0f} documents/s")
    return reports / seconds


class FallbackCounter:
    """Counts "Elasticsearch unavailable, answering ... from the database" warnings: a row measured with
    Elasticsearch on says how often it was in fact answered by the database."""

    def __init__(self):
        import logging

        self.count = 0
        counter = self

        class Handler(logging.Handler):
            def emit(self, record):
                counter.count += 1

        self.logger = logging.getLogger("search.fallback")
        self.logger.setLevel(logging.WARNING)
        self.logger.addHandler(Handler(logging.WARNING))


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

    from tests.verified_client import VerifiedClient

    user, _ = get_user_model().objects.get_or_create(username="bench-officer", defaults={"email": "b@example.gov"})
    user.groups.add(Group.objects.get(name="Triage officers"))
    client = VerifiedClient()  # signed in with the second factor passed, as in the tests
    client.force_login(user)
    client.user = user
    return client


FALLBACKS = None  # a FallbackCounter when Elasticsearch is on


def timed(fn, runs, prepare=None):
    """(p50, p95, SQL ms): wall-clock p50 and p95 over `runs` calls (after one warm-up), and the median time the
    database took per call (over three more calls, with the queries captured): the part that grows with the
    number of reports. The rest is Python (mostly rendering), the same at every size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if prepare:
        prepare()
    fn()  # warm-up
    fallbacks_before = FALLBACKS.count if FALLBACKS else 0
    samples = []
    for _ in range(runs):
        if prepare:
            prepare()
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    sql = []
    for _ in range(3):
        if prepare:
            prepare()
        with CaptureQueriesContext(connection) as queries:
            fn()
        sql.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
    if FALLBACKS and FALLBACKS.count > fallbacks_before:
        say(f"  !! answered from the database {FALLBACKS.count - fallbacks_before} time(s): Elasticsearch did not")
    return statistics.median(samples), p95, statistics.median(sql)


def queue_rows():
    """(name, query parameters) for the queue listing: default order, every filter, every sortable column,
    combinations, a deeper page and the text search (PostgreSQL full-text; Elasticsearch is off)."""
    from library.models import ProductCategory

    category = ProductCategory.objects.filter(slug="bench-toys").values_list("pk", flat=True).first()
    week_ago = (date.today() - timedelta(days=7)).isoformat()
    return [
        ("queue, first page", {}),
        ("queue, page 100", {"p": 100}),
        ("queue, filter status=new", {"status": "new"}),
        ("queue, filter status=needs_info", {"status": "needs_info"}),
        ("queue, filter closed_reason=duplicate (none)", {"closed_reason": "duplicate"}),
        ("queue, filter priority=urgent", {"priority": "urgent"}),
        ("queue, filter priority=low", {"priority": "low"}),
        ("queue, filter category", {"product_category": category}),
        ("queue, filter marketplace=shopnow", {"marketplace": "shopnow"}),
        ("queue, filter shipped from MX", {"shipped_from_country": "MX"}),
        ("queue, filter harm", {"harm": "true"}),
        ("queue, filter has files", {"has_attachments": "true"}),
        ("queue, filter assigned to nobody", {"assignee": "null"}),
        ("queue, filter overdue", {"overdue": "true"}),
        ("queue, filter not overdue", {"overdue": "false"}),
        ("queue, filter submitted last 7 days", {"submitted_at_from": week_ago}),
        ("queue, sort tracking number", {"ordering": "tracking_number"}),
        ("queue, sort tracking number desc", {"ordering": "-tracking_number"}),
        ("queue, sort status", {"ordering": "status"}),
        ("queue, sort priority desc", {"ordering": "-priority_rank"}),
        ("queue, sort age (newest)", {"ordering": "-submitted_at"}),
        ("queue, sort age (oldest)", {"ordering": "submitted_at"}),
        ("queue, sort marketplace", {"ordering": "marketplace"}),
        ("queue, sort marketplace desc", {"ordering": "-marketplace"}),
        ("queue, filter status+priority", {"status": "new", "priority": "urgent"}),
        (
            "queue, filter priority=low+country, sort age",
            {"priority": "low", "shipped_from_country": "VN", "ordering": "-submitted_at"},
        ),
        (
            "queue, filter harm+status, sort marketplace",
            {"harm": "true", "status": "in_review", "ordering": "marketplace"},
        ),
        ("queue, text search", {"q": "melted"}),
        ("queue, text search, two words", {"q": "melted charger"}),
        ("queue, text search, seller", {"q": "seller-42"}),
        ("queue, text search, store domain", {"q": "bargainmart"}),
        ("queue, text search, no match", {"q": "zebra"}),
        ("queue, text search, order number", {"q": "ORD-4242"}),
        ("queue, search + filter", {"q": "seller-42", "status": "new"}),
        ("queue, search + filter, sort marketplace", {"q": "melted", "priority": "high", "ordering": "marketplace"}),
        ("queue, search, page 100", {"q": "melted", "p": 100}),
        *[
            (f"queue, search, sort {name}", {"q": "melted", "ordering": ordering})
            for name, ordering in [
                ("tracking number", "tracking_number"),
                ("status", "status"),
                ("priority desc", "-priority_rank"),
                ("age (newest)", "-submitted_at"),
                ("age (oldest)", "--submitted_at"),
                ("marketplace", "marketplace"),
            ]
        ],
    ]


def report_pages():
    """(name, report id): a report on the big store domain (20% of all reports), an own-shop report and the
    newest one. Each page shows the related reports, cases, referrals and the timeline."""
    from reports.models import Report

    heavy = Report.objects.filter(listing_url__startswith="https://bargainmart.example.com/").order_by("pk").first()
    shop = Report.objects.filter(listing_url__startswith="https://shop7.example.com/").order_by("pk").first()
    newest = Report.objects.order_by("-pk").first()
    return [
        ("report page, store with 20% of reports", heavy.pk),
        ("report page, own-shop store", shop.pk),
        ("report page, newest report", newest.pk),
    ]


def submission_payload(n):
    return {
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


WEB_STEPS = {
    "what-you-bought": {"product_category": "bench-chargers", "description": "The charger overheated and melted."},
    "where-you-bought-it": {"marketplace": "BargainMart", "shipped_from_country": "CN"},
    "why-fake-or-unsafe": {"reasons": ["price_too_low"]},
    "harm": {"harm": "no"},
    "photos": {},
    "about-you": {"anonymous": "on", "preferred_language": "en", "consent": "on"},
}


def web_submission(counter):
    """The report form's last step (the six steps before it are filled untimed, in a fresh session)."""
    import re

    from django.test import Client

    state = {}

    def prepare():
        client = Client()
        n = next(counter)
        for slug, data in WEB_STEPS.items():
            if slug == "where-you-bought-it":
                data = {
                    **data,
                    "seller_name": f"seller-{n % 5000}",
                    "listing_url": f"https://bargainmart.example.com/item/w{n}",
                }
            response = client.post(f"/report/{slug}/", data)
            assert response.status_code == 302, (slug, response.status_code)
        review = client.get("/report/review/")
        state["client"] = client
        state["token"] = re.search(r'name="token" value="([^"]+)"', review.text).group(1)

    def run():
        response = state["client"].post("/report/review/", {"token": state["token"]})
        assert response.status_code == 302, response.status_code

    return prepare, run


def measure(runs, only=""):
    import json

    from django.urls import reverse
    from django_tasks_db.models import DBTaskResult

    client = officer_client()
    url = reverse("triage:index")

    def get(params):
        def run():
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        return run

    def get_url(address):
        def run():
            response = client.get(address)
            assert response.status_code == 200, response.status_code

        return run

    def page(pk):
        inspect_url = reverse("triage:inspect", args=[pk])

        def run():
            response = client.get(inspect_url)
            assert response.status_code == 200, response.status_code

        return run

    counter = iter(range(int(time.time()) * 1000, 10**15))  # new content on every run: never a duplicate

    def api_submit():
        n = next(counter)
        response = client.post("/api/v1/reports", json.dumps(submission_payload(n)), content_type="application/json")
        assert response.status_code == 201, (response.status_code, response.text[:300])

    partner_key = bench_partner()

    def api(path, **headers):
        def run():
            response = client.get(path, **headers)
            assert response.status_code == 200, (path, response.status_code)

        return run

    rows = [(name, get(params)) for name, params in queue_rows()]
    rows += [(name, page(pk)) for name, pk in report_pages()]
    rows += [("report submission, API", api_submit)]
    rows += [("trends page, 12 weeks", get_url(reverse("triage-trends:index")))]
    # Comma-separated, or "|"-separated when the names themselves hold commas ("queue, text search|trends").
    prefixes = tuple(only.split("|" if "|" in only else ",")) if only else ("",)
    results = {}
    for name, run in rows:
        if name.startswith(prefixes):
            results[name] = timed(run, runs)
            say(
                f"  {name}: p50 {results[name][0]:.0f} ms, p95 {results[name][1]:.0f} ms, SQL {results[name][2]:.0f} ms"
            )
    name = "report submission, web form"
    if name.startswith(prefixes):
        prepare, run = web_submission(counter)
        results[name] = timed(run, runs, prepare=prepare)
        say(f"  {name}: p50 {results[name][0]:.0f} ms, p95 {results[name][1]:.0f} ms, SQL {results[name][2]:.0f} ms")
        waiting = DBTaskResult.objects.ready().count()
        say(f"  background tasks waiting for the worker after the submissions: {waiting}")
        DBTaskResult.objects.all().delete()
    if "targeting".startswith(prefixes) or any(prefix.startswith("targeting") for prefix in prefixes):
        made = targeting_rows(client)
        if made:
            for name, run, prepare in made[0]:
                if not name.startswith(prefixes):
                    continue
                results[name] = timed(run, runs, prepare=prepare)
                say(
                    f"  {name}: p50 {results[name][0]:.0f} ms, p95 {results[name][1]:.0f} ms, "
                    f"SQL {results[name][2]:.0f} ms"
                )
            say(f"  lead feed rows streamed per run: {made[1].get('rows', 0):,}")
    statistics_rows = [
        ("API: weekly statistics, 12 weeks", api("/api/v1/statistics/weekly")),
        ("API: weekly statistics, 52 weeks, CSV", api("/api/v1/statistics/weekly.csv?weeks=52")),
        (
            "API: partner referrals, first page (of 500)",
            api("/api/v1/partner/referrals", HTTP_AUTHORIZATION=f"Bearer {partner_key}"),
        ),
    ]
    for name, run in statistics_rows:
        if name.startswith(prefixes):
            results[name] = timed(run, runs)
            say(f"  {name}: p50 {results[name][0]:.0f} ms, p95 {results[name][1]:.0f} ms")
    return results


FOLLOWED_ENTITIES = 50  # the bench officer follows the 50 entities with most reports, and the watchlist
FEED_ROWS = 100_000


def targeting_rows(client):
    """(name, run, prepare) rows for issue 16: entity pages (read from the rollups), matching one new report
    against the follows (entities, searches, the impersonation watchlist) as the worker does, the surge
    computation, and the lead feed streamed to 100,000 rows (or its end)."""
    from django.contrib.auth.models import Group
    from django.db.models import Max
    from django.urls import reverse

    from reports.models import Report
    from targeting.models import Entity, EntityLink, Lead, LeadStatus
    from triage import following, surges
    from triage.models import Follow, FollowMatch

    if not Entity.objects.exists():
        say("  no entities: run `manage.py link_entities` first; targeting rows skipped")
        return []
    user = client.user
    user.groups.add(Group.objects.get(name="Border lead reviewers"))
    biggest = Entity.objects.order_by("-report_count", "id").first()
    small = Entity.objects.filter(report_count=2).order_by("id").first() or biggest
    top = list(Entity.objects.order_by("-report_count", "id")[:FOLLOWED_ENTITIES])
    Follow.objects.filter(user=user).delete()
    Follow.objects.bulk_create(
        [Follow(user=user, kind=Follow.Kind.ENTITY, entity=entity, name=str(entity)[:200]) for entity in top]
        + [
            Follow(user=user, kind=Follow.Kind.SEARCH, name=f"Search {code}", query=f"shipped_from_country={code}")
            for code in ("CN", "VN", "MX", "TR", "IN")
        ]
        + [Follow(user=user, kind=Follow.Kind.IMPERSONATION, name="Impersonation")]
    )
    # A report linked to the biggest entity (a shop's domain): it matches that follow.
    report_id = (
        EntityLink.objects.filter(entity=biggest).order_by("-submitted_at").values_list("report_id", flat=True)[0]
    )

    def clear_matches():
        FollowMatch.objects.filter(report_id=report_id).delete()

    def match():
        following.match_report(report_id)

    def entity_page(entity):
        address = reverse("targeting-entities:detail", args=[entity.pk])

        def run():
            response = client.get(address)
            assert response.status_code == 200, response.status_code

        return run

    newest = Report.objects.aggregate(newest=Max("submitted_at"))["newest"]

    def surge_computation():
        surges.compute_surges(now=newest)

    status = LeadStatus.APPROVED if Lead.objects.filter(status=LeadStatus.APPROVED).exists() else LeadStatus.NEW
    feed_url = reverse("targeting-leads:export", args=["csv"]) + f"?status={status}"
    streamed = {}

    def lead_feed():
        response = client.get(feed_url)
        assert response.status_code == 200, response.status_code
        rows = 0
        for chunk in response.streaming_content:
            rows += chunk.count(b"\n")
            if rows > FEED_ROWS:
                break
        response.close()
        streamed["rows"] = min(rows - 1, FEED_ROWS)

    say(f"  entity pages: {biggest} ({biggest.report_count:,} reports) and {small} ({small.report_count:,})")
    rows = [
        ("targeting: entity page, the entity with most reports", entity_page(biggest), None),
        ("targeting: entity page, an entity with 2 reports", entity_page(small), None),
        (
            f"targeting: watchlist matching, one new report ({FOLLOWED_ENTITIES} entities, 5 searches, impersonation)",
            match,
            clear_matches,
        ),
        ("targeting: surges, every kind (7 days against 12 weeks, database path)", surge_computation, None),
        (f"targeting: lead feed CSV, {FEED_ROWS:,} rows streamed (or all)", lead_feed, None),
    ]
    return rows, streamed


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


def run_size(size, database_url, args):
    """Fill (or resume) and measure one size in this process; the timings go to bench/results/triage-<size>.json."""
    import json

    say(f"== {size:,} reports ({database_url.split('@')[-1]})")
    configure(database_url, args.elasticsearch_url, f"bench-{size}")
    started = time.perf_counter()
    setup_database()
    migrated = time.perf_counter() - started
    if migrated > 5:
        say(f"  migrations took {migrated:.0f} s")
    generate(size)
    if args.generate_only:
        return
    from django.db import connection

    from reports.models import Report

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does after a bulk load: planner statistics, and the visibility map that lets
            # the related-report counts read their indexes alone.
            cursor.execute(
                "VACUUM (ANALYZE) reports_report, triage_triagestate, targeting_entitylink, targeting_entitymonth,"
                " targeting_entitytally"
            )
    rebuild_rate = None
    if args.elasticsearch_url:
        global FALLBACKS
        rebuild_rate = ensure_reports_index()
        FALLBACKS = FallbackCounter()
    say(f"  measuring with {Report.objects.count():,} reports, {args.runs} runs each")
    results = measure(args.runs, args.only)
    if args.elasticsearch_url:
        # The rows that read the reports index: the queue's text search (alone and with filters), the trends.
        results = {
            (f"{name} (Elasticsearch)" if "search" in name or name.startswith("trends") else name): result
            for name, result in results.items()
        }
    out = RESULTS / f"triage-{size}{'-es' if args.elasticsearch_url else ''}.json"
    entry = {"size": size, "vendor": connection.vendor, "runs": args.runs, "results": results}
    entry |= {"elasticsearch": bool(args.elasticsearch_url), "rebuild_documents_per_second": rebuild_rate}
    out.write_text(json.dumps(entry))


def combined_table(sizes, elasticsearch=False):
    """One Markdown table: p50 / p95 per size side by side, the growth of p95 from the first size to the last,
    and the database's share (median SQL ms per request) at each size."""
    import json

    suffix = "-es" if elasticsearch else ""
    data = [json.loads((RESULTS / f"triage-{size}{suffix}.json").read_text()) for size in sizes]
    names = list(dict.fromkeys(name for entry in data for name in entry["results"]))
    several = len(data) > 1
    head = "| what | " + " | ".join(f"{entry['size']:,} p50 / p95 ms" for entry in data)
    head += " | growth (p95) |" if several else " |"
    head += " " + " | ".join(f"SQL ms at {entry['size']:,}" for entry in data) + " |"
    lines = [
        f"Database: {data[0]['vendor']}. Runs: {data[0]['runs']}. "
        + ("Elasticsearch on (the rows marked so read the reports index)." if elasticsearch else "Elasticsearch off."),
        "",
        head,
        "| --- |" + " ---: |" * (2 * len(data) + several),
    ]
    for name in names:
        cells = []
        for entry in data:
            p50, p95, _sql = entry["results"].get(name, (None, None, None))
            cells.append("-" if p95 is None else f"{p50:,.0f} / {p95:,.0f}")
        if several:
            first, last = data[0]["results"].get(name), data[-1]["results"].get(name)
            cells.append(f"{last[1] / first[1]:.1f}×" if first and last and first[1] else "-")
        for entry in data:
            result = entry["results"].get(name)
            cells.append("-" if result is None else f"{result[2]:,.0f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for entry in data:
        if entry.get("rebuild_documents_per_second"):
            rate = entry["rebuild_documents_per_second"]
            lines.append(f"\nRebuild of the reports index at {entry['size']:,}: {rate:,.0f} documents/s.")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--database-url",
        action="append",
        help="a database for each size, in the order of --sizes (default: bench/results/triage-<size>.sqlite3)",
    )
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument(
        "--only",
        default="",
        help='measure only the rows starting with these words (comma-separated, or "|"-separated)',
    )
    parser.add_argument(
        "--elasticsearch-url",
        help="keep Elasticsearch on (indexes bench-<size>-*): the reports index is rebuilt when its document count "
        "differs from the reports', and the text search and trends rows read it",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    urls = args.database_url or [f"sqlite:///{RESULTS / f'triage-{size}.sqlite3'}" for size in sizes]
    if len(urls) != len(sizes):
        parser.error("give one --database-url per size")
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.child:
        run_size(sizes[0], urls[0], args)
        return
    import subprocess

    # Django is configured once per process: each size runs in a child process of its own.
    for size, database_url in zip(sizes, urls, strict=True):
        command = [sys.executable, __file__, "--child", "--sizes", str(size), "--runs", str(args.runs)]
        command += ["--database-url", database_url, "--only", args.only]
        if args.elasticsearch_url:
            command += ["--elasticsearch-url", args.elasticsearch_url]
        if args.generate_only:
            command.append("--generate-only")
        subprocess.run(command, check=True)
    if args.generate_only:
        return
    text = combined_table(sizes, bool(args.elasticsearch_url))
    print("\n" + text)
    with (RESULTS / "triage.md").open("a") as out:
        out.write(f"\n## {time.strftime('%Y-%m-%d %H:%M')}\n\n{text}\n")


if __name__ == "__main__":
    main()
