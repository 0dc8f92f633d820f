"""A busy or unreachable database gives 503 with Retry-After (JSON on /api/, a plain page elsewhere), never a 500.

Runs on whichever database the suite uses: another connection holds a lock the request needs (SQLite: a write
transaction on the table; PostgreSQL: LOCK TABLE ... IN ACCESS EXCLUSIVE MODE with a short lock_timeout).
"""

import contextlib

import pytest
from django.db import connection, connections

from reports.models import Report
from tests.factories import ArticlePageFactory
from tests.reports.factories import payload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@contextlib.contextmanager
def locked(*tables):
    """Hold a lock on these tables from a second connection until the block ends."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            if other.vendor == "postgresql":
                cursor.execute("BEGIN")
                cursor.execute(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE")
            else:
                cursor.execute("BEGIN IMMEDIATE")
                for table in tables:
                    # A write keeps the table locked for every other connection until the transaction ends.
                    cursor.execute(f"DELETE FROM {table} WHERE 1 = 0")  # noqa: S608 - our own table names
            yield
    finally:
        with contextlib.suppress(Exception):
            other.connection.rollback()
        other.close()


@pytest.fixture
def short_lock_timeout(settings):
    """PostgreSQL: give up waiting for a lock after 200 ms (applied when the request's connection opens)."""
    settings.DATABASE_LOCK_TIMEOUT_MS = 200
    connection.close()
    yield
    connection.close()


@pytest.fixture
def article(site_tree):
    return ArticlePageFactory(parent=site_tree["en"][1], title="Fake chargers", summary="They catch fire.")


def test_the_lock_timeout_setting_reaches_postgresql(short_lock_timeout):
    if connection.vendor != "postgresql":
        assert connection.settings_dict["OPTIONS"]["timeout"] > 0  # SQLite waits for a lock (busy timeout)
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "200ms"


def test_a_locked_table_on_the_api_is_a_503_with_retry_after(client, article, short_lock_timeout, caplog):
    with locked("wagtailcore_page"):
        response = client.get("/api/search", {"q": "chargers"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "busy" in response.json()["error"]
    assert "Database unavailable, answered 503 to GET /api/search" in caplog.text
    assert client.get("/api/search", {"q": "chargers"}).status_code == 200  # and it answers again


def test_a_locked_table_on_a_page_is_a_plain_503_page(client, article, short_lock_timeout):
    with locked("wagtailcore_page"):
        response = client.get("/search/", {"q": "chargers"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    assert "The site is busy" in response.text


def test_a_report_sent_while_the_database_is_locked_is_a_503_and_nothing_is_saved(client, short_lock_timeout, db):
    from tests.factories import ProductCategoryFactory

    ProductCategoryFactory(name="Chargers", slug="chargers")
    with locked("reports_ratelimithit", "reports_report"):
        response = client.post("/api/v1/reports", payload(), content_type="application/json")
    assert response.status_code == 503
    assert response.json()["error"]
    assert not Report.objects.exists()


def test_a_locked_session_table_outside_the_view_is_a_503(client, short_lock_timeout):
    """The session is saved after the view has answered (middleware): the site's handler500 turns it into 503."""
    client.raise_request_exception = False
    with locked("django_session"):
        response = client.get("/report/what-you-bought/")
    assert response.status_code == 503
    assert "The site is busy" in response.text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="an in-memory SQLite database cannot be unreachable")
def test_an_unreachable_postgresql_is_a_503(client):
    client.raise_request_exception = False
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "9"  # nothing listens here
    try:
        api = client.get("/api/search", {"q": "chargers"})
        page = client.get("/search/", {"q": "chargers"})
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original
    assert api.status_code == 503 and api.json()["error"]
    assert page.status_code == 503 and "The site is busy" in page.text


def test_any_other_uncaught_error_is_still_the_plain_500_page(rf):
    from website.database_unavailable import server_error

    try:
        raise RuntimeError("a bug, not a busy database")
    except RuntimeError:
        response = server_error(rf.get("/library/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
