"""PostgreSQL away or restarted, through a real gunicorn with the site's settings: 503 with Retry-After (JSON on
/api/, a plain page elsewhere), never a 500 page or a traceback; and back to 200 once PostgreSQL is back.

Real failures only: gunicorn pointed at a port where nothing listens, and every connection to the test database
ended by PostgreSQL itself (pg_terminate_backend, what a restart does to open connections).
"""

import http.client
import json

import pytest
from django.db import connection

from tests.gunicorn_support import running_gunicorn

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a PostgreSQL server to lose"),
]

CLOSED_PORT = 9


def gunicorn(database_url, **environment):
    # Kept connections, as in production.
    return running_gunicorn(DATABASE_URL=database_url, DATABASE_CONN_MAX_AGE="600", **environment)


def get(port, path):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request("GET", path)
        response = client.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        client.close()


def database_url(port=None, name=None):
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{port or settings['PORT'] or 5432}/{name or settings['NAME']}"
    )


def end_other_connections():
    """End every other connection to the test database, as a PostgreSQL restart does; how many were ended."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_postgresql_unreachable_is_a_503_with_retry_after_and_no_traceback():
    with gunicorn(database_url(port=CLOSED_PORT)) as port:
        api_status, api_headers, api_body = get(port, "/api/search?q=chargers")
        page_status, page_headers, page_body = get(port, "/search/?q=chargers")
        ready_status, _headers, ready_body = get(port, "/readyz")
        alive_status, _headers, _body = get(port, "/healthz")
    assert api_status == 503 and api_headers["Retry-After"] == "30"
    assert api_headers["Content-Type"] == "application/json"
    assert "busy" in json.loads(api_body)["error"]
    assert page_status == 503 and page_headers["Retry-After"] == "30"
    assert "The site is busy" in page_body
    for body in (api_body, page_body, ready_body):
        assert "Traceback" not in body and "OperationalError" not in body
        assert "127.0.0.1" not in body and f"port {CLOSED_PORT}" not in body
    assert ready_status == 503 and json.loads(ready_body)["checks"]["database"]["status"] == "unavailable"
    assert alive_status == 200


def test_connections_ended_by_a_postgresql_restart_cost_no_request():
    with gunicorn(database_url()) as port:
        assert get(port, "/api/search?q=chargers")[0] == 200  # the worker now keeps a connection open
        assert end_other_connections() >= 1  # what a PostgreSQL restart does to them
        status, _headers, body = get(port, "/api/search?q=chargers")
        assert status == 200, body
        assert get(port, "/search/?q=chargers")[0] == 200


def test_without_connection_checks_a_restart_costs_one_503_not_a_500():
    # The home page always reads the database (a library search may be answered by Elasticsearch and the cache).
    with gunicorn(database_url(), DATABASE_CONN_HEALTH_CHECKS="false") as port:
        assert get(port, "/")[0] == 200  # the worker now keeps a connection open
        assert end_other_connections() >= 1  # what a PostgreSQL restart does to them
        status, headers, body = get(port, "/")
        assert status == 503 and headers["Retry-After"] == "30", body
        assert "The site is busy" in body and "Traceback" not in body
        assert get(port, "/")[0] == 200  # the broken connection was dropped
