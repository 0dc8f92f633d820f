"""Rate limits, and the double-submit check, hold when many requests arrive at the same moment.

These fire real parallel HTTP requests at the live test server (one thread and one database connection per
request), released together by a barrier, and count what got through. Before the check-and-count became one
statement, 30 parallel submissions got 25-27 accepted against a limit of 10, and 40 wrong-key lookups got 25
answers instead of 5.

The live-server tests need a database that takes parallel connections: PostgreSQL. On SQLite the test server
shares its one in-memory connection between all request threads (Django's LiveServerThread), so parallel
requests there trip over each other's transactions, not over the limits; they are skipped, and the counter
itself is tested with parallel threads (each on its own connection) on both databases.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import requests
from django.conf import settings as django_settings
from django.db import connection

from partners import keys
from partners.models import Partner, Scope
from reports import ratelimits
from reports.models import Report
from tests.factories import ProductCategoryFactory

from .factories import RECEIPT_KEY, ReportFactory, payload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REFERRALS = "/api/v1/partner/referrals"

needs_parallel_connections = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="the live server shares one SQLite connection between its threads"
)


def all_at_once(count, send):
    """Run send(n) for n in range(count) in parallel threads, released together; the answers in order."""
    barrier = threading.Barrier(count)

    def go(n):
        barrier.wait()
        return send(n)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(go, range(count)))


@dataclass
class Answer:
    status_code: int
    headers: dict
    content: bytes

    def json(self):
        return json.loads(self.content)


def parallel_requests(base_url, calls):
    """Send every (method, path, body, headers) call at the same moment, each on its own connection.

    Every connection is opened first, then a barrier releases all the requests together, so the server has
    them all in hand at once (and no connection waits in the listen queue).
    """
    address = urlsplit(base_url)
    barrier = threading.Barrier(len(calls))

    def send(call):
        method, path, body, headers = call
        server = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
        try:
            server.connect()
            barrier.wait()
            server.request(method, path, body=body, headers={**headers, "Connection": "close"})
            response = server.getresponse()
            return Answer(response.status, dict(response.getheaders()), response.read())
        finally:
            server.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(send, calls))


def submissions(count):
    return [
        (
            "POST",
            "/api/reports",
            json.dumps(payload(description=f"Report number {n}: the charger got very hot and the plug melted.")),
            {"Content-Type": "application/json"},
        )
        for n in range(count)
    ]


def statuses(answers):
    return sorted(answer.status_code for answer in answers)


def limit(settings, scope, count):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, scope: (count, 3600)}


@needs_parallel_connections
def test_30_parallel_submissions_get_exactly_the_limit_through(live_server, settings):
    limit(settings, "submit", 10)
    ProductCategoryFactory(name="Chargers", slug="chargers")

    answers = parallel_requests(live_server.url, submissions(30))
    assert statuses(answers) == [201] * 10 + [429] * 20
    assert Report.objects.count() == 10
    refused = next(answer for answer in answers if answer.status_code == 429)
    assert int(refused.headers["Retry-After"]) > 0
    assert "tried too many times" in refused.json()["error"]


@needs_parallel_connections
def test_copies_of_one_submission_sent_at_once_save_one_report(live_server, settings):
    """A client's retry racing its first attempt (same Idempotency-Key), or the same content sent twice at once:
    one report, and every copy answers with its tracking number. Before the lock, each copy saved its own."""
    limit(settings, "submit", 100)
    ProductCategoryFactory(name="Chargers", slug="chargers")
    body = json.dumps(payload(description="The charger got very hot and the plug melted."))
    retries = [("POST", "/api/reports", body, {"Content-Type": "application/json", "Idempotency-Key": "order-77"})]
    answers = parallel_requests(live_server.url, retries * 8)
    assert statuses(answers) == [200] * 7 + [201]
    assert {answer.json()["tracking_number"] for answer in answers} == {Report.objects.get().tracking_number}

    other = json.dumps(payload(description="Another charger, another melted plug, sent twice at once."))
    answers = parallel_requests(
        live_server.url, [("POST", "/api/reports", other, {"Content-Type": "application/json"})] * 6
    )
    assert statuses(answers) == [200] * 5 + [201]
    assert Report.objects.count() == 2


@needs_parallel_connections
def test_40_parallel_wrong_key_lookups_get_exactly_5_answers(live_server, settings):
    limit(settings, "status_failure", 5)
    report = ReportFactory()
    url = f"{live_server.url}/api/reports/{report.tracking_number}/status"

    wrong_keys = [f"WRONG-KEY{n:02d}-AAAAA-BBBBB" for n in range(40)]
    answers = parallel_requests(
        live_server.url, [("GET", urlsplit(url).path, None, {"X-Receipt-Key": key}) for key in wrong_keys]
    )
    assert statuses(answers) == [404] * 5 + [429] * 35
    # The limit is used up: even the right key waits now.
    assert requests.get(url, headers={"X-Receipt-Key": RECEIPT_KEY}, timeout=60).status_code == 429


@needs_parallel_connections
def test_right_keys_in_parallel_do_not_use_up_the_failure_limit(live_server, settings):
    limit(settings, "status_failure", 5)
    report = ReportFactory()
    url = f"{live_server.url}/api/reports/{report.tracking_number}/status"

    answers = parallel_requests(
        live_server.url, [("GET", urlsplit(url).path, None, {"X-Receipt-Key": RECEIPT_KEY})] * 12
    )
    assert statuses(answers).count(200) >= 1
    # Every slot taken by a right key was given back: five wrong guesses are still answered, then no more.
    wrong = [requests.get(url, headers={"X-Receipt-Key": "WRONG"}, timeout=60).status_code for _ in range(6)]
    assert wrong == [404] * 5 + [429]


@needs_parallel_connections
def test_parallel_partner_calls_get_exactly_the_key_limit_through(live_server, settings):
    limit(settings, "partner_api", 7)
    partner = Partner.objects.create(name="BargainMart", domains="bargainmart.example.com")
    _api_key, key = keys.create_key(partner=partner, name="sync", scopes=Scope.values)
    answers = parallel_requests(live_server.url, [("GET", REFERRALS, None, {"Authorization": f"Bearer {key}"})] * 25)
    assert statuses(answers) == [200] * 7 + [429] * 18


@needs_parallel_connections
def test_parallel_wrong_partner_keys_get_exactly_the_failure_limit_answered(live_server, settings):
    limit(settings, "partner_api_failure", 4)
    guesses = [("GET", REFERRALS, None, {"Authorization": f"Bearer cbp_GUESS{n:03d}_x"}) for n in range(25)]
    answers = parallel_requests(live_server.url, guesses)
    assert statuses(answers) == [401] * 4 + [429] * 21


def test_the_counter_allows_exactly_the_limit_from_parallel_threads(settings):
    """The helper itself, each thread on its own database connection."""
    limit(settings, "submit", 6)

    def hit(n):
        try:
            return ratelimits.hit("submit", "client-a").allowed
        finally:
            connection.close()

    assert sorted(all_at_once(20, hit)) == [False] * 14 + [True] * 6
    # Another client has its own count.
    assert ratelimits.hit("submit", "client-b").allowed


def test_a_given_back_slot_can_be_used_again(settings):
    limit(settings, "status_failure", 1)
    taken = ratelimits.hit("status_failure", "client-a")
    assert taken.allowed
    assert not ratelimits.hit("status_failure", "client-a").allowed
    ratelimits.give_back(taken)
    assert ratelimits.hit("status_failure", "client-a").allowed


# Two server processes, as in production: gunicorn with two workers on the test database.


@pytest.fixture
def two_workers(transactional_db, tmp_path):
    """gunicorn, two worker processes of 8 threads, serving this test's database (limits from the environment)."""
    database = connection.settings_dict
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "ELASTICSEARCH_URL": "",
        "REPORT_RATE_SUBMIT": "10/3600",
        "REPORT_FILES_ROOT": str(tmp_path / "files"),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "--threads",
            "8",
            "-b",
            f"127.0.0.1:{port}",
            "website.wsgi:application",
        ],
        cwd=django_settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(300):
            if server.poll() is not None:
                pytest.fail(f"gunicorn did not start: {server.stderr.read().decode()[-2000:]}")
            try:
                requests.get(f"{url}/api/reports", timeout=60)
                break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@needs_parallel_connections
def test_30_parallel_submissions_to_two_processes_get_exactly_the_limit_through(two_workers):
    ProductCategoryFactory(name="Chargers", slug="chargers")

    answers = parallel_requests(two_workers, submissions(30))
    assert statuses(answers) == [201] * 10 + [429] * 20
    assert Report.objects.count() == 10
