"""Linking a new report in the background worker, the counts it keeps, and the backfill command."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from reports.models import Report
from targeting.kinds import EntityKind as K
from targeting.models import Entity, EntityLink
from tests.reports.factories import ReportFactory, payload
from tests.targeting.conftest import linked


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_report_is_linked_by_the_worker_not_the_request(client, settings, chargers):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    body = payload(
        seller_name="Volt Deals LLC",
        listing_url="https://volt-deals.example/shop/charger",
        description="Fake charger. The seller's WhatsApp is +1 202 555 0143.",
    )
    response = client.post("/api/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.text
    report = Report.objects.latest("pk")

    assert not EntityLink.objects.filter(report=report).exists()  # the reporter did not wait for it
    queued = DBTaskResult.objects.filter(task_path="targeting.tasks.link_report_entities")
    assert [result.args_kwargs["args"] for result in queued] == [[report.pk]]

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert queued.get().status == "SUCCESSFUL"
    assert set(Entity.objects.filter(links__report=report).values_list("kind", "key")) == {
        (K.SELLER, "volt deals"),
        (K.BRAND, "volta"),  # the payload's brand
        (K.DOMAIN, "volt-deals.example"),
        (K.STORE, "volt-deals.example/shop/charger"),
        (K.PHONE, "+12025550143"),
    }


def test_counts_and_dates_follow_the_links_and_linking_twice_changes_nothing(chargers):
    first = linked(chargers, seller_name="Volt Deals", harm=True)
    second = linked(chargers, seller_name="VOLT-DEALS inc.")
    seller = Entity.objects.get(kind=K.SELLER, key="volt deals")
    assert (seller.report_count, seller.harm_count) == (2, 1)
    assert (seller.first_report_at, seller.last_report_at) == (first.submitted_at, second.submitted_at)

    from targeting.linking import link_report

    link_report(Report.objects.get(pk=second.pk))
    seller.refresh_from_db()
    assert seller.report_count == 2
    assert EntityLink.objects.filter(entity=seller).count() == 2


def test_the_backfill_links_older_reports_with_progress_and_can_run_again(chargers):
    for number in range(5):
        ReportFactory(product_category=chargers, seller_name=f"Seller {number % 2}", brand="Ankerr")
    assert not EntityLink.objects.exists()

    out = StringIO()
    call_command("link_entities", "--batch-size", "2", stdout=out)
    text = out.getvalue()
    assert "Linking 5 reports" in text
    assert "2/5 reports (40%)" in text and "5/5 reports (100%)" in text
    assert Entity.objects.get(kind=K.BRAND, key="ankerr").report_count == 5
    assert Entity.objects.get(kind=K.SELLER, key="seller 0").report_count == 3

    call_command("link_entities", stdout=StringIO())
    assert EntityLink.objects.count() == 5 + 5
    assert Entity.objects.get(kind=K.SELLER, key="seller 0").report_count == 3
