"""Every answer that shows a receipt key or a report's status says `Cache-Control: no-store`, errors included,
so neither the browser's history cache nor a shared proxy keeps a copy: the form's confirmation, the API's 201,
the status pages and the status API, at both API addresses."""

import json

import pytest

from .factories import RECEIPT_KEY, ReportFactory, payload
from .test_form import fill_all, send

pytestmark = pytest.mark.django_db


def assert_no_store(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert "no-store" in directives, (response.status_code, response.get("Cache-Control"))


def test_the_form_confirmation_with_the_receipt_key_is_not_stored(client, category):
    fill_all(client)
    sent, _token = send(client)
    assert sent.status_code == 302
    assert_no_store(sent)
    done = client.get(sent["Location"])
    assert done.status_code == 200 and "receipt key" in done.content.decode().lower()
    assert_no_store(done)
    # The steps hold what people typed (contact details on "about you").
    assert_no_store(client.get("/report/about-you/"))


@pytest.mark.parametrize("prefix", ["/api", "/api/v1"])
def test_the_api_answers_with_a_receipt_key_or_a_status_are_not_stored(client, category, prefix):
    created = client.post(f"{prefix}/reports", json.dumps(payload()), content_type="application/json")
    assert created.status_code == 201 and created.json()["receipt_key"]
    assert_no_store(created)
    number, key = created.json()["tracking_number"], created.json()["receipt_key"]

    status = client.get(f"{prefix}/reports/{number}/status", headers={"X-Receipt-Key": key})
    assert status.status_code == 200 and status.json()["status"]
    assert_no_store(status)

    # Their error answers too: a wrong key, a bad body, a wrong method.
    assert_no_store(client.get(f"{prefix}/reports/{number}/status", headers={"X-Receipt-Key": "WRONG"}))
    assert_no_store(client.post(f"{prefix}/reports", "{", content_type="application/json"))
    bad = client.post(f"{prefix}/reports", json.dumps(payload(description="")), content_type="application/json")
    assert bad.status_code == 400
    assert_no_store(bad)
    added = client.post(
        f"{prefix}/reports/{number}/additions",
        json.dumps({"text": "The seller wrote again."}),
        content_type="application/json",
        headers={"X-Receipt-Key": key},
    )
    assert added.status_code == 201
    assert_no_store(added)


def test_over_the_limit_status_lookups_are_not_stored(client, settings, category):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "status_failure": (1, 600)}
    for _ in range(3):
        answer = client.get("/api/v1/reports/CF-AAAA-BBBB/status", headers={"X-Receipt-Key": "nope"})
    assert answer.status_code == 429
    assert_no_store(answer)


def test_the_status_pages_are_not_stored(client):
    report = ReportFactory(status="in_review")
    not_found = client.post("/report/status/", {"tracking_number": report.tracking_number, "receipt_key": "WRONG"})
    assert not_found.status_code == 200
    assert_no_store(not_found)
    assert_no_store(client.get("/report/status/"))
    found = client.post("/report/status/", {"tracking_number": report.tracking_number, "receipt_key": RECEIPT_KEY})
    assert found.status_code == 302
    assert_no_store(found)
    detail = client.get(found["Location"])
    assert detail.status_code == 200 and report.tracking_number in detail.content.decode()
    assert_no_store(detail)
    assert_no_store(client.get("/es" + found["Location"]))  # the Spanish page (a redirect without access)
