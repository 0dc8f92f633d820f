"""Load against `make stack`: the page cache against static files, then people using the whole site at once.

    .venv/bin/python bench/stack_load.py                      # both parts: cache ratio, then 32 users for 5 minutes
    .venv/bin/python bench/stack_load.py --only mix --users 8 --duration 30     # a short try
    .venv/bin/python bench/stack_load.py --only ratio

1. **Cache ratio.** wrk (Debian's `wrk`; installed when run as root, else asked for) sends 16 clients at a cached
   article page, then at a static file, through the same nginx; it prints both rates and their ratio (target 0.5).
2. **Mixed journeys.** N simulated people (threads, `requests` sessions) for a duration, each one journey after
   another, chosen from a weighted mix: reading (home, library, articles), searching (the page and the API, with
   typos and facets), the report form end to end (every step with its CSRF token, a photo on the photos step,
   review and send, the confirmation), status checks (the page with tracking number and receipt key, and the API
   with X-Receipt-Key), and the API (a report with an Idempotency-Key, sometimes sent twice as a client retry
   would, its status, a search). Each journey comes from its own loopback address (127.x.y.z), as separate people
   do, so the site's per-address limits (10 reports an hour) count each person, as in production.
   Every report carries a marker "[load <run> <n>]" in its description; accepted tracking numbers are recorded and
   checked in the stack's database at the end: every accepted report stored once, with its photo.
   It prints per route: requests, errors by status, p50 and p95; then reports accepted, stored, lost, duplicated.

A benchmark, not a test: it never fails on slow numbers. Exit status 1 when a request failed or a report was lost,
duplicated or stored without its photo (bench/stack_faults.py uses the same pieces while it breaks things).
"""

import argparse
import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parent.parent
STACK = ROOT / "scripts" / "stack.sh"

ARTICLES = [
    "buying-vapes-online-faq",
    "checklist-vetting-overseas-suppliers",
    "customs-fee-scam-texts",
    "de-minimis-changes-for-small-businesses",
    "fake-brake-pads-and-auto-parts",
    "record-your-trademark-with-cbp",
    "story-designer-bag-parcel-seized",
    "story-reseller-counterfeit-earbuds",
    "supplements-with-hidden-drugs",
    "toy-safety-checklist",
    "unsafe-toys-bought-online",
    "what-happens-to-your-parcel-at-the-border",
    "counterfeit-chargers-fire-risk",
    "checklist-before-you-buy-online",
]
# What people type: typos, Spanish, plain words; with and without a facet.
QUERIES = [
    "chargr",
    "counterfiet sneakers",
    "fake airpods",
    "vape",
    "toy safty",
    "brake pads",
    "suplements",
    "customs fee text",
    "cargador falso",
    "designer bag seized",
    "how to spot a fake seller",
    "trademark",
    "earbuds",
    "parcel border",
]
TOPICS = ["electronics-batteries", "spotting-fake-sellers", "parcels-customs-seizures", "import-rules"]
KINDS = ["alert", "guide", "checklist", "faq", "story"]
CATEGORIES = ["electronics", "chargers-batteries", "toys", "cosmetics", "supplements", "vapes", "clothing-shoes"]
BRANDS = ["Volta", "Sonix", "Kidzoo", "Glowy", "Stride", "Chronos"]

# The mix: journey name -> weight (out of 100).
MIX = {"read": 34, "search": 22, "report_form": 10, "status": 10, "api": 24}

RETRY_STATUSES = {502, 503, 504}


def say(message=""):
    print(message, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# The stack


@dataclass
class Stack:
    url: str
    certificate: str
    database_url: str
    report_files_root: str
    env: dict

    @classmethod
    def read(cls):
        """The running stack's settings (`scripts/stack.sh env`)."""
        result = subprocess.run([str(STACK), "env"], capture_output=True, text=True, check=False)
        if result.returncode:
            raise SystemExit("The stack is not running: start it with `make stack`.")
        env = dict(re.findall(r"^export ([A-Z_]+)='(.*)'$", result.stdout, flags=re.MULTILINE))
        state = Path(env["STATIC_ROOT"]).parent
        return cls(
            url=env["WAGTAILADMIN_BASE_URL"].rstrip("/"),
            certificate=str(state / "tls" / "certificate.pem"),
            database_url=env["DATABASE_URL"],
            report_files_root=env["REPORT_FILES_ROOT"],
            env=env,
        )

    def manage_env(self):
        return {**os.environ, **self.env}


def load_average():
    return os.getloadavg()[0]


# ---------------------------------------------------------------------------------------------------------------
# Recording what happened


@dataclass
class Accepted:
    tracking_number: str
    receipt_key: str | None
    marker: str
    route: str
    with_photo: bool
    idempotency_key: str = ""


@dataclass
class Recorder:
    """Every request's route, status and time; every accepted report. Thread-safe."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    samples: list = field(default_factory=list)  # (time, route, status or error name, seconds)
    accepted: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # things that are wrong although HTTP said fine
    journeys: Counter = field(default_factory=Counter)  # "done" / "gave up"
    retried: Counter = field(default_factory=Counter)  # (route, first failure, final status): retries that worked
    backends: list = field(default_factory=list)  # (time, backend that answered an API search)

    def sample(self, route, status, seconds):
        with self.lock:
            self.samples.append((time.monotonic(), route, status, seconds))

    def accept(self, accepted):
        with self.lock:
            self.accepted.append(accepted)

    def problem(self, text):
        with self.lock:
            self.problems.append(text)

    def backend(self, name):
        with self.lock:
            self.backends.append((time.monotonic(), name))

    def journey(self, outcome):
        with self.lock:
            self.journeys[outcome] += 1

    def status_pool(self):
        with self.lock:
            return [a for a in self.accepted if a.receipt_key]

    def snapshot(self, since=None):
        with self.lock:
            return [s for s in self.samples if since is None or s[0] >= since]


def is_error(status):
    return not isinstance(status, int) or status >= 400


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def route_table(samples):
    """Markdown rows per route: requests, errors by status, p50 and p95 in ms."""
    by_route = defaultdict(list)
    for _t, route, status, seconds in samples:
        by_route[route].append((status, seconds))
    lines = [
        "| route | requests | errors (by status) | p50 ms | p95 ms | max ms |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for route in sorted(by_route):
        rows = by_route[route]
        times = [seconds * 1000 for _status, seconds in rows]
        errors = Counter(str(status) for status, _s in rows if is_error(status))
        error_text = ", ".join(f"{n}x {status}" for status, n in sorted(errors.items())) or "0"
        lines.append(
            f"| {route} | {len(rows)} | {error_text} | {statistics.median(times):.0f} | {percentile(times, 0.95):.0f}"
            f" | {max(times):.0f} |"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# One simulated person


class SourceAddressAdapter(HTTPAdapter):
    """Connections from one loopback address (127.x.y.z), so the site sees one person per journey."""

    def __init__(self, address, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Addresses:
    """Distinct loopback addresses for a run: 127.<run byte>.<n // 250>.<n % 250 + 2>."""

    def __init__(self, run_byte):
        self.run_byte = run_byte
        self.count = 0
        self.lock = threading.Lock()

    def next(self):
        with self.lock:
            self.count += 1
            n = self.count
        return f"127.{self.run_byte}.{(n // 250) % 250 + 1}.{n % 250 + 2}"


def photo_bytes(seed):
    """A small JPEG photo (about 40 KB): noise on a colour, so it is not trivially compressible."""
    from PIL import Image

    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    noise = Image.effect_noise((640, 480), 40).convert("RGB")
    image = Image.blend(image, noise, 0.3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_INPUT = re.compile(r'name="token" value="([^"]+)"')
TRACKING = re.compile(r'data-testid="tracking-number">([^<]+)<')
RECEIPT = re.compile(r'data-testid="receipt-key">([^<]*)<')


class GaveUp(Exception):
    """A journey could not go on (an error answer after retries, or an answer that makes no sense)."""


class Person:
    def __init__(self, load, address):
        self.load = load
        self.stack = load.stack
        self.recorder = load.recorder
        self.session = requests.Session()
        self.session.verify = self.stack.certificate
        adapter = SourceAddressAdapter(address, pool_connections=2, pool_maxsize=2, max_retries=0)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = "stack-load/1 (bench/stack_load.py)"
        self.rng = load.rng_for_journey()

    def close(self):
        self.session.close()

    def request(self, route, method, path, *, expect=(200,), retry=True, **kwargs):
        """One request, recorded; retried (as a browser user or a careful client would) on 502/503/504 and
        connection failures, waiting Retry-After, for at most load.retry_seconds. Raises GaveUp."""
        url = path if path.startswith("http") else self.stack.url + path
        kwargs.setdefault("timeout", self.load.timeout)
        kwargs.setdefault("allow_redirects", False)
        # Per request: a session's own `verify` loses to REQUESTS_CA_BUNDLE when that is set.
        kwargs.setdefault("verify", self.stack.certificate)
        deadline = time.monotonic() + self.load.retry_seconds
        first_failure = None
        while True:
            started = time.monotonic()
            wait = 1.0
            try:
                response = self.session.request(method, url, **kwargs)
                status = response.status_code
            except requests.exceptions.SSLError:
                raise
            except requests.RequestException as problem:
                response, status = None, type(problem).__name__
            self.recorder.sample(route, status, time.monotonic() - started)
            if response is not None and status in expect:
                if first_failure is not None:
                    self.recorder.retried[(route, first_failure, status)] += 1
                return response
            if first_failure is None:
                first_failure = status
            if response is not None and status in RETRY_STATUSES:
                if status != 502 and "Retry-After" not in response.headers:
                    self.recorder.problem(f"{route}: {status} without Retry-After")
                wait = min(float(response.headers.get("Retry-After") or 1), 5.0)
            if response is not None and status >= 500 and "Traceback" in response.text:
                self.recorder.problem(f"{route}: {status} page with a traceback")
            retryable = response is None or status in RETRY_STATUSES
            if not retry or not retryable or time.monotonic() + wait > deadline or self.load.stopping():
                raise GaveUp(f"{route}: {status}")
            time.sleep(wait)

    def get(self, route, path, **kwargs):
        return self.request(route, "GET", path, **kwargs)

    def post_form(self, route, path, data, files=None, expect=(302,)):
        """A POST from a page's form: its CSRF token (from the page just read) and the page as Referer."""
        referer = self.stack.url + path
        return self.request(route, "POST", path, data=data, files=files, expect=expect, headers={"Referer": referer})

    def think(self):
        time.sleep(self.rng.uniform(*self.load.think))

    # --- journeys --------------------------------------------------------------------------------------------

    def read(self):
        self.get("home", "/")
        self.think()
        self.get("library", "/library/")
        for _ in range(self.rng.randint(1, 3)):
            self.think()
            self.get("article", f"/library/{self.rng.choice(ARTICLES)}/")
        if self.rng.random() < 0.2:
            self.get("static", "/static/css/site.css")

    def search(self):
        query = self.rng.choice(QUERIES)
        params = {"q": query}
        self.get("search page", "/search/", params=params)
        self.think()
        if self.rng.random() < 0.6:
            facet, values = self.rng.choice([("topic", TOPICS), ("kind", KINDS)])
            params[facet] = self.rng.choice(values)
            self.get("search page + facet", "/search/", params=params)
        if self.rng.random() < 0.5:
            api = {"q": self.rng.choice(QUERIES)}
            if self.rng.random() < 0.5:
                api["kind"] = self.rng.choice(KINDS)
            answer = self.get("api search", "/api/search", params=api)
            self.recorder.backend(answer.json().get("backend"))

    def report_fields(self):
        number = self.load.next_report()
        marker = f"[load {self.load.run_id} {number}]"
        description = (
            f"The {self.rng.choice(['charger', 'toy', 'lotion', 'watch', 'vape', 'sneakers'])} looked wrong: "
            f"misspelled label, no safety marks, and it stopped working after a day. {marker}"
        )
        return marker, {
            "product_category": self.rng.choice(CATEGORIES),
            "brand": self.rng.choice(BRANDS),
            "description": description,
            "price_paid": f"{self.rng.randint(5, 90)}.99",
            "currency": "USD",
            "purchase_date": "2026-10-15",
        }

    def report_form(self):
        """The form end to end, as a browser without JavaScript sends it."""
        marker, product = self.report_fields()
        self.get("report start", "/report/")
        page = self.get("report step", "/report/what-you-bought/")
        steps = [
            ("what-you-bought", {**product, "still_have_item": "yes"}),
            (
                "where-you-bought-it",
                {"marketplace": "BargainMart", "seller_name": "best-deals-4u", "shipped_from_country": "CN"},
            ),
            ("why-fake-or-unsafe", {"reasons": ["price_too_low", "no_safety_marks"]}),
            ("harm", {"harm": "no"}),
        ]
        for slug, data in steps:
            token = csrf(page)
            self.think()
            self.post_form("report step (send)", f"/report/{slug}/", {**data, "csrfmiddlewaretoken": token})
            page = self.get("report step", self.next_step_after(slug))
        # Photos: upload one, then continue.
        with_photo = self.rng.random() < 0.7
        if with_photo:
            self.post_form(
                "report photo upload",
                "/report/photos/",
                {"csrfmiddlewaretoken": csrf(page), "action": "upload"},
                files={"files": ("IMG_2041.jpg", self.load.photo, "image/jpeg")},
            )
            page = self.get("report step", "/report/photos/")
            if "IMG_2041.jpg" not in page.text:
                self.recorder.problem("report form: the uploaded photo is not listed on the photos step")
        self.post_form(
            "report step (send)", "/report/photos/", {"csrfmiddlewaretoken": csrf(page), "action": "continue"}
        )
        page = self.get("report step", "/report/about-you/")
        about = {"anonymous": "on", "preferred_language": "en", "consent": "on"}
        if self.rng.random() < 0.5:
            about = {
                "contact_name": "Load Tester",
                "contact_email": "load@example.com",
                "preferred_language": "en",
                "consent": "on",
            }
        self.post_form("report step (send)", "/report/about-you/", {**about, "csrfmiddlewaretoken": csrf(page)})
        review = self.get("report review", "/report/review/")
        token = TOKEN_INPUT.search(review.text)
        if not token:
            raise GaveUp("report review: no submission token on the page")
        self.think()
        # Sending: retried with the same one-time token (the site answers a second send with the same report).
        self.post_form(
            "report send", "/report/review/", {"csrfmiddlewaretoken": csrf(review), "token": token.group(1)}
        )
        done = self.get("report done", "/report/done/")
        number, key = TRACKING.search(done.text), RECEIPT.search(done.text)
        if not number:
            raise GaveUp("report done: no tracking number on the confirmation")
        self.recorder.accept(
            Accepted(
                number.group(1).strip(), (key.group(1).strip() if key else "") or None, marker, "form", with_photo
            )
        )

    @staticmethod
    def next_step_after(slug):
        order = ["what-you-bought", "where-you-bought-it", "why-fake-or-unsafe", "harm", "photos", "about-you"]
        return f"/report/{order[order.index(slug) + 1]}/"

    def status(self):
        pool = self.recorder.status_pool()
        if not pool:
            return self.read()
        report = self.rng.choice(pool)
        if self.rng.random() < 0.5:
            page = self.get("status page", "/report/status/")
            self.think()
            self.post_form(
                "status lookup",
                "/report/status/",
                {
                    "csrfmiddlewaretoken": csrf(page),
                    "tracking_number": report.tracking_number,
                    "receipt_key": report.receipt_key,
                },
            )
            detail = self.get("status detail", f"/report/status/{report.tracking_number}/")
            if report.tracking_number not in detail.text:
                self.recorder.problem(f"status detail does not show {report.tracking_number}")
        else:
            answer = self.get(
                "api status",
                f"/api/reports/{report.tracking_number}/status",
                headers={"X-Receipt-Key": report.receipt_key},
            )
            if answer.json().get("tracking_number") != report.tracking_number:
                self.recorder.problem(f"api status answered for another report than {report.tracking_number}")

    def api(self):
        marker, product = self.report_fields()
        key = str(uuid.uuid4())
        fields = {
            **product,
            "product_name": "Wireless earbuds",
            "marketplace": "BargainMart",
            "seller_name": "best-deals-4u",
            "reasons": ["price_too_low"],
            "harm": False,
            "anonymous": True,
            "preferred_language": "en",
            "consent": True,
        }
        with_photo = self.rng.random() < 0.4
        answer = self.submit_api(fields, key, with_photo)
        body = answer.json()
        accepted = Accepted(body["tracking_number"], body.get("receipt_key"), marker, "api", with_photo, key)
        if answer.status_code == 200 and not body.get("duplicate"):
            self.recorder.problem("api submit: 200 without duplicate")
        self.recorder.accept(accepted)
        if self.rng.random() < 0.15:
            # A client that did not hear the answer sends it again with the same key: the same report comes back.
            again = self.submit_api(fields, key, with_photo, route="api submit (same key again)")
            if again.status_code != 200 or again.json().get("tracking_number") != accepted.tracking_number:
                self.recorder.problem(
                    f"api submit again with the same key: {again.status_code} {again.text[:120]} "
                    f"(first: {accepted.tracking_number})"
                )
        if accepted.receipt_key:
            self.think()
            self.get(
                "api status",
                f"/api/reports/{accepted.tracking_number}/status",
                headers={"X-Receipt-Key": accepted.receipt_key},
            )
        if self.rng.random() < 0.5:
            answer = self.get("api search", "/api/search", params={"q": self.rng.choice(QUERIES)})
            self.recorder.backend(answer.json().get("backend"))

    def submit_api(self, fields, key, with_photo, route="api submit"):
        headers = {"Idempotency-Key": key}
        if with_photo:
            data = {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in fields.items() if k != "reasons"}
            data["reasons"] = fields["reasons"]
            return self.request(
                route,
                "POST",
                "/api/reports",
                data=data,
                files={"files": ("label.jpg", self.load.photo, "image/jpeg")},
                headers=headers,
                expect=(200, 201),
            )
        return self.request(route, "POST", "/api/reports", json=fields, headers=headers, expect=(200, 201))


def csrf(response):
    match = CSRF_INPUT.search(response.text)
    if not match:
        raise GaveUp(f"no CSRF token on {response.url}")
    return match.group(1)


# ---------------------------------------------------------------------------------------------------------------
# The load: N people, one journey after another


class Load:
    def __init__(
        self,
        stack,
        *,
        users,
        duration,
        seed=2026,
        think=(0.2, 1.5),
        timeout=65,
        retry_seconds=120,
        mix=None,
        run_id=None,
    ):
        self.stack = stack
        self.users = users
        self.duration = duration
        self.think = think
        self.timeout = timeout
        self.retry_seconds = retry_seconds
        self.mix = mix or MIX
        self.run_id = run_id or datetime.now(UTC).strftime("%m%d%H%M%S")
        self.rng = random.Random(seed)
        self.rng_lock = threading.Lock()
        self.addresses = Addresses(random.Random(self.run_id).randrange(2, 250))
        self.recorder = Recorder()
        self.photo = photo_bytes(seed)
        self.report_count = 0
        self.stop_event = threading.Event()  # stop at once: no more retries
        self.finish_event = threading.Event()  # no new journeys; the ones under way finish
        self.threads = []
        self.started = None

    def rng_for_journey(self):
        with self.rng_lock:
            return random.Random(self.rng.random())

    def next_report(self):
        with self.rng_lock:
            self.report_count += 1
            return self.report_count

    def stopping(self):
        return self.stop_event.is_set()

    def person_loop(self, index):
        names, weights = list(self.mix), list(self.mix.values())
        while not self.finish_event.is_set() and time.monotonic() < self.started + self.duration:
            person = Person(self, self.addresses.next())
            name = person.rng.choices(names, weights)[0]
            try:
                getattr(person, name)()
                self.recorder.journey("done")
            except GaveUp as problem:
                self.recorder.journey("gave up")
                self.recorder.problem(f"{name} journey gave up: {problem}")
            except Exception as problem:  # a bug in the generator or an answer it cannot read: count it
                self.recorder.journey("gave up")
                self.recorder.problem(f"{name} journey: {type(problem).__name__}: {problem}")
            finally:
                person.close()

    def start(self):
        self.started = time.monotonic()
        for index in range(self.users):
            thread = threading.Thread(target=self.person_loop, args=(index,), daemon=True)
            thread.start()
            self.threads.append(thread)
            time.sleep(0.05)  # people arrive over a moment, not all in the same millisecond

    def wait(self):
        for thread in self.threads:
            thread.join()

    def finish(self):
        """Let every journey under way end (retries included), start no new one, and wait."""
        self.finish_event.set()
        self.wait()


# ---------------------------------------------------------------------------------------------------------------
# Checking the reports in the database


def check_reports(stack, load):
    """What the stack's database holds for this run's markers, against what the people were told was accepted.

    Returns a dict: accepted, stored, lost (accepted but not stored), duplicates (a marker stored more than once),
    without_photo (accepted with a photo but stored without its attachment row or file), unexpected (stored with
    this run's marker but never accepted: a report whose answer the client never heard)."""
    import psycopg

    pattern = f"%[load {load.run_id} %"
    with psycopg.connect(stack.database_url, connect_timeout=10) as connection:
        rows = connection.execute(
            "SELECT r.tracking_number, r.description, "
            "  (SELECT count(*) FROM reports_attachment a WHERE a.report_id = r.id), "
            "  (SELECT array_agg(a.file) FROM reports_attachment a WHERE a.report_id = r.id) "
            "FROM reports_report r WHERE r.description LIKE %s",
            [pattern],
        ).fetchall()
    stored = {}
    by_marker = defaultdict(list)
    for number, description, attachment_count, files in rows:
        marker = re.search(r"\[load \S+ \d+\]", description).group(0)
        stored[number] = (marker, attachment_count, files or [])
        by_marker[marker].append(number)
    accepted = {a.tracking_number: a for a in load.recorder.accepted}
    lost = [number for number in accepted if number not in stored]
    duplicates = {marker: numbers for marker, numbers in by_marker.items() if len(numbers) > 1}
    without_photo = []
    for number, item in accepted.items():
        if item.with_photo and number in stored:
            _marker, count, files = stored[number]
            if count < 1 or not all((Path(stack.report_files_root) / name).is_file() for name in files):
                without_photo.append(number)
    accepted_markers = {a.marker for a in accepted.values()}
    unexpected = [n for n, (marker, _c, _f) in stored.items() if marker not in accepted_markers]
    return {
        "accepted": len(accepted),
        "stored": sum(1 for n in accepted if n in stored),
        "stored_rows": len(rows),
        "lost": lost,
        "duplicates": duplicates,
        "without_photo": without_photo,
        "unexpected": unexpected,
    }


def retried_text(recorder):
    if not recorder.retried:
        return "no request needed a retry"
    return "retries that worked: " + ", ".join(
        f"{route} {first} then {final} ({count}x)" for (route, first, final), count in sorted(recorder.retried.items())
    )


def report_summary(check):
    return (
        f"reports: {check['accepted']} accepted, {check['stored']} of them stored ({check['stored_rows']} rows with"
        f" this run's marker); lost {len(check['lost'])}, duplicated {len(check['duplicates'])}, stored without"
        f" their photo {len(check['without_photo'])}, stored but never acknowledged {len(check['unexpected'])}"
    )


# ---------------------------------------------------------------------------------------------------------------
# The cache ratio (wrk)


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0:
        say("installing wrk (apt-get install -y wrk)")
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            stdout=subprocess.DEVNULL,
        )
        return shutil.which("wrk")
    raise SystemExit("wrk is needed for the cache ratio: sudo apt-get install -y wrk")


def wrk_rate(url, clients, seconds, threads=2):
    """Requests a second and non-2xx answers of wrk on one URL."""
    result = subprocess.run(
        [ensure_wrk(), f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result.stdout)
    errors = re.search(r"Socket errors: (.*)", result.stdout)
    p99 = re.search(r"99%\s+(\S+)", result.stdout)
    return {
        "rate": rate,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
        "p99": p99.group(1) if p99 else "",
    }


def cache_ratio(stack, clients=16, seconds=15, article="buying-vapes-online-faq"):
    article_url = f"{stack.url}/library/{article}/"
    static_url = f"{stack.url}/static/css/site.css"
    session = requests.Session()
    session.verify = stack.certificate
    for _ in range(10):  # fill the cache
        if session.get(article_url, timeout=30, verify=stack.certificate).headers.get("X-Cache-Status") == "HIT":
            break
        time.sleep(0.5)
    else:
        raise SystemExit(f"{article_url} is never answered from the page cache")
    load_before = load_average()
    access_log = Path(stack.env["STATIC_ROOT"]).parent / "logs" / "nginx-access.log"
    log_start = access_log.stat().st_size if access_log.exists() else 0
    rows = []
    for name, url in (("cached article page", article_url), ("static file (site.css)", static_url)):
        measured = wrk_rate(url, clients, seconds)
        rows.append((name, url, measured))
    # How nginx answered the article during the run (its access log has cache=<status>; static files are not logged).
    with open(access_log, "rb") as log:
        log.seek(log_start)
        statuses = Counter(
            re.search(rb"cache=(\S*)", line).group(1).decode() or "none"
            for line in log
            if f"/library/{article}/".encode() in line and b"cache=" in line
        )
    cached, static = rows[0][2]["rate"], rows[1][2]["rate"]
    lines = [
        f"Cache ratio, {clients} clients, {seconds} s each (wrk), load average {load_before:.1f} -> {load_average():.1f}",
        "",
        "| what | requests/s | non-2xx | socket errors | p99 |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for name, _url, measured in rows:
        lines.append(
            f"| {name} | {measured['rate']:.0f} | {measured['non_2xx']} | {measured['socket_errors'] or 'none'}"
            f" | {measured['p99']} |"
        )
    ratio = cached / static if static else 0
    lines += [
        "",
        "article answers by cache status: " + ", ".join(f"{k} {v}" for k, v in statuses.most_common()),
        f"cached page / static file = {ratio:.2f} (target at least 0.5)",
    ]
    return ratio, "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------


def run_mix(stack, users, duration, seed):
    say(f"{users} people for {duration} s on the mix {MIX} against {stack.url} (load average {load_average():.1f})")
    load = Load(stack, users=users, duration=duration, seed=seed)
    load_start = load_average()
    load.start()
    while any(thread.is_alive() for thread in load.threads):
        time.sleep(10)
        samples = load.recorder.snapshot()
        errors = sum(1 for s in samples if is_error(s[2]))
        say(
            f"  {time.monotonic() - load.started:5.0f} s: {len(samples)} requests, {errors} errors,"
            f" {len(load.recorder.accepted)} reports accepted, load average {load_average():.1f}"
        )
    load.wait()
    check = check_reports(stack, load)
    samples = load.recorder.snapshot()
    total_errors = sum(1 for s in samples if is_error(s[2]))
    elapsed = time.monotonic() - load.started
    lines = [
        f"Mixed journeys: {users} people, {duration} s (run {load.run_id}), load average {load_start:.1f} -> "
        f"{load_average():.1f} (2 cores shared with other work)",
        "",
        route_table(samples),
        "",
        retried_text(load.recorder),
        f"{len(samples)} requests in {elapsed:.0f} s ({len(samples) / elapsed:.1f}/s), {total_errors} errors;"
        f" journeys: {dict(load.recorder.journeys)}",
        report_summary(check),
    ]
    if load.recorder.problems:
        lines += ["", "Problems:"] + [f"- {p}" for p in Counter(load.recorder.problems)]
    bad = total_errors or check["lost"] or check["duplicates"] or check["without_photo"] or load.recorder.problems
    return not bad, "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["ratio", "mix"], help="run one part only")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--duration", type=int, default=300, help="seconds of the mixed load (300)")
    parser.add_argument("--clients", type=int, default=16, help="wrk clients for the cache ratio (16)")
    parser.add_argument("--ratio-seconds", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--output", help="also write the tables to this Markdown file")
    args = parser.parse_args()
    stack = Stack.read()
    outputs, ok = [], True
    if args.only in (None, "ratio"):
        ratio, text = cache_ratio(stack, args.clients, args.ratio_seconds)
        say(text)
        outputs.append(text)
    if args.only in (None, "mix"):
        mix_ok, text = run_mix(stack, args.users, args.duration, args.seed)
        say("")
        say(text)
        outputs.append(text)
        ok = ok and mix_ok
    if args.output:
        Path(args.output).write_text("\n\n".join(outputs) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
