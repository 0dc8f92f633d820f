"""The queue listing: columns, default order, filters, search, counts, bulk actions and the CSV export."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Report
from tests.reports.factories import ReporterContactFactory
from tests.triage.conftest import make_report
from triage import operations
from triage.models import TriageState

pytestmark = pytest.mark.django_db


def age(report, days):
    Report.objects.filter(pk=report.pk).update(submitted_at=timezone.now() - timedelta(days=days))


def listing(client, **params):
    response = client.get(reverse("triage:index"), params)
    assert response.status_code == 200
    return response.text


def test_default_order_is_priority_then_oldest_first(client, officer, toys_free, chargers):
    low = make_report(toys_free, purchase_date=timezone.localdate() - timedelta(days=90))
    normal_new = make_report(toys_free)
    normal_old = make_report(toys_free)
    age(normal_old, 5)
    high = make_report(chargers)
    urgent = make_report(toys_free, harm=True, urgent=True)
    for report in (low, normal_new, normal_old, high, urgent):
        report.refresh_from_db()
    assert (low.priority, high.priority, urgent.priority) == ("low", "high", "urgent")
    client.force_login(officer)
    text = listing(client)
    positions = [text.index(r.tracking_number) for r in (urgent, high, normal_old, normal_new, low)]
    assert positions == sorted(positions)


def test_columns_counts_and_overdue_flag(client, officer, report, toys_free):
    age(report, 11)
    closed = make_report(toys_free)
    operations.change_status(closed, "closed", user=officer, closed_reason="spam")
    client.force_login(officer)
    assert "Closed (Spam)" in listing(client, status="closed")
    text = listing(client)
    assert "Overdue" in text
    assert "Handbags" in text and "BargainMart" in text and "CN" in text
    assert "New</a>: <strong>1</strong>" in text and "Closed</a>: <strong>1</strong>" in text


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "new"}, {"a", "c"}),
        ({"status": ["in_review", "closed"]}, {"b"}),
        ({"closed_reason": "spam"}, {"b"}),
        ({"priority": "urgent"}, {"c"}),
        ({"harm": "true"}, {"c"}),
        ({"marketplace": "shop"}, set()),  # b is closed: closed reports are hidden unless asked for
        ({"marketplace": "shop", "status": "closed"}, {"b"}),
        ({"shipped_from_country": "VN"}, {"c"}),
        ({"has_attachments": "false"}, {"a", "c"}),
        ({"overdue": "true"}, {"a"}),
        ({"overdue": "false"}, {"c"}),
        ({"q": "stitching"}, {"a"}),
        ({"q": "LUX-bags"}, {"a"}),
        ({"q": "volta"}, {"c"}),
        ({"q": "example.org/x"}, {"b"}),
    ],
)
def test_filters_and_search(client, officer, toys_free, params, expected):
    reports = {
        "a": make_report(toys_free, description="Stitching fell apart", seller_name="Lux-Bags"),
        "b": make_report(toys_free, marketplace="ShopNow", listing_url="https://example.org/x/1"),
        "c": make_report(toys_free, harm=True, shipped_from_country="VN", brand="Volta"),
    }
    age(reports["a"], 20)
    operations.change_status(reports["b"], "closed", user=officer, closed_reason="spam")
    client.force_login(officer)
    text = listing(client, **params)
    shown = {key for key, report in reports.items() if report.tracking_number in text}
    assert shown == expected


def test_filter_by_category_assignee_and_date(client, officer, toys_free, chargers):
    mine = make_report(toys_free)
    other = make_report(chargers)
    age(other, 40)
    operations.assign(mine, officer, user=officer)
    client.force_login(officer)
    assert other.tracking_number not in listing(client, assignee=officer.pk)
    assert mine.tracking_number in listing(client, assignee=officer.pk)
    text = listing(client, product_category=chargers.pk)
    assert other.tracking_number in text and mine.tracking_number not in text
    since = (timezone.localdate() - timedelta(days=2)).isoformat()
    text = listing(client, submitted_at_from=since)
    assert mine.tracking_number in text and other.tracking_number not in text


def test_csv_export_follows_filters_and_holds_no_contact_data(client, officer, report, toys_free):
    other = make_report(toys_free, seller_name="Other seller")
    ReporterContactFactory(report=other, name="Bob Private", email="bob@example.com", phone="555-9999")
    client.force_login(officer)
    response = client.get(reverse("triage:index"), {"export": "csv", "q": "Lux"})
    assert response.status_code == 200
    assert "triage-reports" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    header, *rows = body.strip().splitlines()
    assert header.startswith("Tracking number,Status,Closed because,Priority,Category")
    assert len(rows) == 1 and report.tracking_number in rows[0] and "Lux-Bags" in rows[0]
    everything = b"".join(client.get(reverse("triage:index"), {"export": "csv"}).streaming_content).decode()
    for secret in ("Ana Reporter", "ana@example.com", "555-0100", "Bob Private", "bob@example.com", "555-9999"):
        assert secret not in everything


def test_bulk_actions(client, officer, toys_free):
    first, second, third = (make_report(toys_free) for _ in range(3))
    client.force_login(officer)
    url = reverse("triage:bulk")
    response = client.post(url, {"action": "assign", "assignee": officer.pk, "reports": [first.pk, second.pk]})
    assert response.status_code == 302
    assert TriageState.objects.filter(assignee=officer).count() == 2

    client.post(url, {"action": "status", "status": "in_review", "reports": [first.pk]})
    first.refresh_from_db()
    assert first.status == "in_review"

    # Closing without a reason is refused.
    client.post(url, {"action": "status", "status": "closed", "reports": [first.pk]})
    first.refresh_from_db()
    assert first.status == "in_review"

    client.post(url, {"action": "duplicate", "original": first.tracking_number, "reports": [second.pk]})
    second.refresh_from_db()
    assert (second.status, second.closed_reason) == ("closed", "duplicate")
    assert second.triage.duplicate_of_id == first.pk

    client.post(url, {"action": "spam", "reports": [third.pk]})
    third.refresh_from_db()
    assert (third.status, third.closed_reason) == ("closed", "spam")


def test_overdue_uses_configured_targets(client, officer, toys_free, settings):
    settings.TRIAGE_TARGET_DAYS_URGENT = 1
    settings.TRIAGE_TARGET_DAYS = 3
    urgent = make_report(toys_free, harm=True)
    normal = make_report(toys_free)
    fresh = make_report(toys_free)
    touched = make_report(toys_free)
    for report, days in ((urgent, 1.5), (normal, 4), (fresh, 2), (touched, 5)):
        age(report, days)
    operations.add_note(touched, "Looked at it", user=officer)
    client.force_login(officer)
    text = listing(client, overdue="true")
    assert urgent.tracking_number in text and normal.tracking_number in text
    assert fresh.tracking_number not in text and touched.tracking_number not in text
