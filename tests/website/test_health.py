"""/healthz and /readyz: JSON for monitors, never cached, no secrets or host names, 503 when a service is away.

Every failure here is real: a closed port for the database, Elasticsearch and the mail server, and rows that
really wait in the search outbox and the background task queue.
"""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.django_db

# Port 9 (discard) has nothing listening on this machine.
CLOSED_PORT = "9"


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="an in-memory SQLite database cannot be unreachable")
def test_healthz_still_answers_and_readyz_says_503_when_postgresql_is_unreachable(client):
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = CLOSED_PORT
    try:
        # In a thread of its own, as a WSGI server's: the browser tests' Playwright (a session fixture) leaves an
        # event loop running in this thread, where Django cannot call the async readiness view. The closed port is
        # in the settings dict every new connection is made from.
        with ThreadPoolExecutor(max_workers=1) as thread:
            alive = thread.submit(client.get, "/healthz").result()
            ready = thread.submit(client.get, "/readyz").result()
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original
    assert alive.status_code == 200
    assert ready.status_code == 503
    assert ready["Retry-After"]
    body = ready.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {"status": "unavailable", "problem": "the database did not answer"}
    assert CLOSED_PORT not in ready.content.decode()


def test_readyz_is_ready_with_the_default_services(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ready",
        "checks": {"database": {"status": "ok"}, "cache": {"status": "ok"}},
    }
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


def test_readyz_needs_no_sign_in_and_no_second_factor(client, settings):
    """A monitor has no account: the staff middleware (sign-in, second factor) leaves these URLs alone."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/search/").status_code == 301  # the rest of the site does move to https


def test_readyz_checks_elasticsearch_when_configured(client, settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    checks = response.json()["checks"]
    assert checks["elasticsearch"]["status"] == "ok"
    assert checks["elasticsearch"]["cluster_status"] in ("green", "yellow")
    assert checks["search_outbox"] == {"status": "ok", "waiting": 0, "oldest_seconds": 0, "limit_seconds": 900}


def test_unreachable_elasticsearch_and_mail_server_are_503_without_addresses_or_passwords(client, settings):
    settings.ELASTICSEARCH_URL = f"http://monitor:es-secret-pw@127.0.0.1:{CLOSED_PORT}"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = int(CLOSED_PORT)
    settings.EMAIL_HOST_USER = "mailer"
    settings.EMAIL_HOST_PASSWORD = "smtp-secret-pw"  # noqa: S105 - a test value
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["elasticsearch"]["status"] == "unavailable"
    assert "did not answer" in checks["elasticsearch"]["problem"]
    assert checks["mail"] == {"status": "unavailable", "problem": "the mail server did not answer"}
    assert checks["database"]["status"] == "ok"
    text = response.content.decode()
    for secret in (
        "es-secret-pw",
        "smtp-secret-pw",
        "monitor",
        "mailer",
        "127.0.0.1",
        connection.settings_dict["NAME"],
    ):
        assert secret not in text


def test_console_and_memory_mail_backends_are_not_checked(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert "mail" not in client.get("/readyz").json()["checks"]


def test_an_index_update_waiting_too_long_makes_readyz_503(client, settings, elasticsearch_url):
    from search.models import PendingIndexUpdate

    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.HEALTH_OUTBOX_MAX_AGE_SECONDS = 600
    row = PendingIndexUpdate.objects.create(index="library", object_id=1)
    PendingIndexUpdate.objects.create(index="library", object_id=2)
    assert client.get("/readyz").status_code == 200  # just queued: the worker has time

    PendingIndexUpdate.objects.filter(pk=row.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    response = client.get("/readyz")
    assert response.status_code == 503
    outbox = response.json()["checks"]["search_outbox"]
    assert outbox["status"] == "unavailable"
    assert outbox["waiting"] == 2
    assert outbox["oldest_seconds"] >= 660
    assert "oldest index update has waited" in outbox["problem"]

    # Kept only for a rebuild under way: not waiting for the worker.
    PendingIndexUpdate.objects.filter(pk=row.pk).update(kept_for_rebuild=True)
    assert client.get("/readyz").status_code == 200


def test_a_background_task_nobody_runs_is_reported_and_makes_readyz_worker_503(client, settings):
    from django_tasks_db.models import DBTaskResult

    from search.tasks import drain_pending_updates

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_TASK_MAX_AGE_SECONDS = 300
    drain_pending_updates.enqueue("library")
    assert client.get("/readyz").json()["checks"]["background_tasks"]["waiting"] == 1
    assert client.get("/readyz").status_code == 200

    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(minutes=6))
    # Reported, not failing: without the worker the site still serves pages and stores reports (website/health.py).
    response = client.get("/readyz")
    assert response.status_code == 200 and "background_tasks" in response.json()["attention"]
    tasks = response.json()["checks"]["background_tasks"]
    assert tasks["status"] == "unavailable" and tasks["waiting"] == 1 and tasks["oldest_seconds"] >= 360
    assert client.get("/readyz/worker").json()["checks"]["background_tasks"]["status"] == "unavailable"

    # A task planned for later is not late before it is due.
    DBTaskResult.objects.update(run_after=timezone.now() + datetime.timedelta(hours=1))
    assert client.get("/readyz/worker").json()["checks"]["background_tasks"]["status"] == "ok"
