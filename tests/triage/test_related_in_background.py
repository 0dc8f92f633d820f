"""A new report raises the priority of the open reports about the same seller, in the background worker
(`manage.py db_worker`), never while the reporter waits: the request only queues the work."""

import json

import pytest
from django.core.management import call_command

from reports.models import Report
from tests.reports.factories import payload
from tests.reports.test_form import fill_all, send
from tests.triage.conftest import make_report

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_tasks(settings):
    """As in production: tasks go to the database queue until a worker runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult


def submit_by_api(client):
    body = payload(seller_name="BEST-DEALS", listing_url="https://www.amazon.com/dp/B01")
    response = client.post("/api/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.text


def submit_by_form(client):
    fill_all(client, **{"where-you-bought-it": {"seller_name": "BEST-DEALS", "listing_url": ""}})
    response, _token = send(client)
    assert response.status_code == 302


@pytest.mark.parametrize("submit", [submit_by_api, submit_by_form], ids=["api", "web form"])
def test_the_request_queues_the_related_work_and_the_worker_does_it(client, chargers, database_tasks, submit):
    earlier = [make_report(chargers, seller_name=name) for name in ("Best-Deals", "best-deals ")]
    Report.objects.filter(pk__in=[r.pk for r in earlier]).update(priority="high")
    database_tasks.objects.all().delete()

    submit(client)

    new = Report.objects.latest("pk")
    # Its own priority counts the two others, in the request (from indexed, capped counts).
    assert "2 other reports about this seller" in new.triage.priority_reasons
    # The earlier reports are not touched by the request...
    assert set(Report.objects.filter(pk__in=[r.pk for r in earlier]).values_list("priority", flat=True)) == {"high"}
    queued = database_tasks.objects.filter(task_path="triage.tasks.recompute_related")
    assert [result.args_kwargs["args"] for result in queued] == [[new.pk]]

    # ...until the worker runs the queued task.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert queued.get().status == "SUCCESSFUL"
    assert set(Report.objects.filter(pk__in=[r.pk for r in earlier]).values_list("priority", flat=True)) == {"urgent"}
    assert set(Report.objects.filter(pk__in=[r.pk for r in earlier]).values_list("priority_rank", flat=True)) == {0}
