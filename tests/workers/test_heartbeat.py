"""The background worker's heartbeat, as an operator sees it in /readyz and /readyz/worker.

The worker is the real `manage.py db_worker` (run once in batch mode, which beats when it starts) and its real
heartbeat thread; a stopped worker is a heartbeat row left as old as a worker stopped that long ago leaves it.
"""

import datetime
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from workers.heartbeat import keep_beating
from workers.models import Heartbeat

pytestmark = pytest.mark.django_db
# The worker's loop closes the database connection between tasks, as in production: such tests run outside the
# test's transaction (and put the migrations' rows back afterwards).
real_worker = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_WORKER_MAX_AGE_SECONDS = 180


def run_the_worker_once():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_with_no_worker_ever_started_readyz_says_so_and_stays_ready(client, database_tasks):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["attention"] == ["worker"]
    assert body["checks"]["worker"]["status"] == "unavailable"
    assert "no background worker has ever reported" in body["checks"]["worker"]["problem"]

    alert = client.get("/readyz/worker")
    assert alert.status_code == 503 and alert["Retry-After"]
    assert alert.json()["status"] == "unavailable"
    assert "no-store" in alert["Cache-Control"]


@real_worker
def test_a_running_worker_is_reported_up(client, database_tasks):
    run_the_worker_once()
    body = client.get("/readyz").json()
    assert body["status"] == "ready" and "attention" not in body
    worker = body["checks"]["worker"]
    assert worker["status"] == "ok" and worker["alive"] == 1 and worker["limit_seconds"] == 180
    assert worker["last_beat_seconds"] <= 180
    alert = client.get("/readyz/worker")
    assert alert.status_code == 200 and alert.json()["status"] == "ok"


@real_worker
def test_a_worker_silent_longer_than_the_limit_is_reported_down_without_failing_readiness(client, database_tasks):
    run_the_worker_once()
    Heartbeat.objects.update(beat_at=timezone.now() - datetime.timedelta(seconds=400))

    response = client.get("/readyz")
    assert response.status_code == 200  # the site still serves pages and takes reports
    body = response.json()
    assert body["status"] == "ready" and body["attention"] == ["worker"]
    worker = body["checks"]["worker"]
    assert worker["status"] == "unavailable" and worker["alive"] == 0 and worker["last_beat_seconds"] >= 400
    assert "no background worker has reported for" in worker["problem"] and "(limit 180)" in worker["problem"]
    assert client.get("/readyz/worker").status_code == 503

    run_the_worker_once()  # a worker starts again
    assert client.get("/readyz/worker").status_code == 200
    assert client.get("/readyz").json()["checks"]["worker"]["alive"] == 1


@real_worker
def test_the_answers_name_no_host_or_process(client, database_tasks):
    run_the_worker_once()
    row = Heartbeat.objects.get()
    for address in ("/readyz", "/readyz/worker"):
        text = client.get(address).content.decode()
        assert row.host not in text and row.worker_id not in text


def test_without_the_database_queue_there_is_no_worker_to_check(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert "worker" not in client.get("/readyz").json()["checks"]
    response = client.get("/readyz/worker")
    assert response.status_code == 200 and response.json() == {"status": "ok", "checks": {}}


@real_worker
def test_the_heartbeat_thread_keeps_beating_while_the_worker_is_busy(database_tasks):
    """The beats after the first come from the worker's own thread, so a long task does not silence them."""
    with keep_beating("busy-worker", interval=0.05):
        first = Heartbeat.objects.get(worker_id="busy-worker").beat_at
        # This (main) thread stays busy, as the worker's loop does during a long bulk job, and only looks.
        for _poll in range(400):
            if Heartbeat.objects.filter(worker_id="busy-worker", beat_at__gt=first).exists():
                break
            time.sleep(0.05)
        else:
            pytest.fail("the heartbeat thread wrote nothing in 20 seconds")


@real_worker
def test_a_worker_start_forgets_workers_gone_for_a_day(database_tasks):
    Heartbeat.objects.create(worker_id="gone", beat_at=timezone.now() - datetime.timedelta(days=2))
    Heartbeat.objects.create(worker_id="recent", beat_at=timezone.now() - datetime.timedelta(hours=2))
    run_the_worker_once()
    kept = set(Heartbeat.objects.values_list("worker_id", flat=True))
    assert "gone" not in kept and "recent" in kept and len(kept) == 2  # and the worker just started
