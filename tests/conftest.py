"""Shared fixtures.

Elasticsearch is off by default so most tests never touch it; a test that
needs it asks for the `search_index` fixture, which gives it a fresh, empty
index on the real node that `make test` starts. Under CI=true an unreachable
node is a failure, never a skip.
"""

import os

import pytest
from django.conf import settings as django_settings

from tests.verified_client import VerifiedClient
from website.site_tree import ensure_site_tree

# Chromium, the page and axe-core helpers, shared by every folder's browser tests (one browser per session).
pytest_plugins = ["tests.browser_support"]


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """A request to a Spanish page leaves Spanish active in the thread; start every test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def report_files(settings, tmp_path):
    """Report files go to a temporary folder, never to var/. Tests that look at the files ask for it by name."""
    settings.REPORT_FILES_ROOT = tmp_path / "report-files"
    return settings.REPORT_FILES_ROOT


@pytest.fixture(autouse=True)
def _rate_limit_windows_start_on_the_hour(monkeypatch):
    """The rate limiter counts in windows of 1, 10 or 60 minutes that start on the hour. A test that fills a limit
    and expects the next request refused would pass into a fresh window, and fail, whenever a window ended
    between its requests (a few times in a thousand runs). The limiter's clock starts each test one second after
    the hour, within every window's first minute, and runs at the real pace."""
    import time
    from datetime import timedelta
    from types import SimpleNamespace

    from django.utils import timezone

    from reports import ratelimits

    began, start = time.monotonic(), timezone.now().replace(minute=0, second=1, microsecond=0)
    clock = SimpleNamespace(now=lambda: start + timedelta(seconds=time.monotonic() - began))
    monkeypatch.setattr(ratelimits, "timezone", clock)


@pytest.fixture(autouse=True)
def _elasticsearch_off_unless_asked(settings):
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def client():
    """pytest-django's `client`, but `force_login` also passes the second factor (see tests/verified_client.py).

    It stands in for the password and code steps that tests/accounts/ prove separately; tests of the
    second-factor enforcement itself use a plain django.test.Client.
    """
    return VerifiedClient()


@pytest.fixture
def site_tree(db):
    """The English and Spanish home pages and libraries: {"en": (home, library), "es": (...)}."""
    return ensure_site_tree()


@pytest.fixture
def elasticsearch_url():
    from elasticsearch import Elasticsearch

    url = django_settings.ELASTICSEARCH_URL or os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    try:
        # This minimal distribution has no `GET /` handler, so ask for the cluster health.
        Elasticsearch(url, request_timeout=5).cluster.health(wait_for_status="yellow", timeout="5s")
        reachable = True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        reachable = False
    if not reachable:
        message = f"Elasticsearch is not reachable at {url}; start it with `make elasticsearch`."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def search_index(settings, elasticsearch_url):
    """A fresh library index for this test, deleted afterwards (a tests.index_support.TestIndex)."""
    from tests.index_support import fresh_index

    yield from fresh_index(settings, elasticsearch_url, "library")


@pytest.fixture
def officer(db):
    """A triage officer (the queue, notes, referrals, cases), who does not see reporter contact details."""
    from tests.factories import UserFactory

    return UserFactory(username="olivia", first_name="Olivia", last_name="Officer", groups=["Triage officers"])


@pytest.fixture
def contact_viewer(db):
    """A triage officer who may also see reporter contact details."""
    from tests.factories import UserFactory

    return UserFactory(username="cora", groups=["Triage officers", "Contact viewers"])
