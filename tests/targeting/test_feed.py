"""The lead feed in CSV and JSON (the format the README documents), streamed, every export in the audit log."""

import csv
import io
import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from targeting.feed import COLUMNS
from targeting.models import Lead, LeadExport, LeadStatus

from .conftest import linked
from .test_entity_page import assert_refused


@pytest.fixture
def approved(chargers):
    linked(
        chargers,
        seller_name='=HYPERLINK("http://evil.example")',
        harm=True,
        carrier="DHL",
        parcel_tracking_number="JD014600003828340001",
        shipped_from_country="CN",
    )
    linked(chargers, seller_name="Volt Deals", harm=True, carrier="UPS", parcel_tracking_number="1Z999AA10123456784")
    linked(
        chargers,
        seller_name="Volt Deals",
        carrier="USPS",
        parcel_tracking_number="9400111202555842761999",
        shipped_from_country="HK",
    )
    Lead.objects.update(status=LeadStatus.APPROVED)
    linked(chargers, seller_name="Not Yet Reviewed", harm=True, parcel_tracking_number="NOTREVIEWED1")
    return Lead.objects.filter(status=LeadStatus.APPROVED)


def body(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_the_csv_has_one_row_per_shipment_of_an_approved_lead(client, reviewer, approved):
    client.force_login(reviewer)
    response = client.get(reverse("targeting-leads:export", args=["csv"]), {"status": "approved"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="border-leads-approved-' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert list(rows[0]) == COLUMNS
    assert {row["parcel_tracking_number"] for row in rows} == {
        "JD014600003828340001",
        "1Z999AA10123456784",
        "9400111202555842761999",
    }
    volt = [row for row in rows if row["entity_name"] == "Volt Deals"]
    assert [row["carrier"] for row in volt] == ["UPS", "USPS"]  # oldest first
    assert {row["entity_report_count"] for row in volt} == {"2"} and volt[0]["harm"] == "Yes"
    assert volt[0]["entity_kind"] == "seller" and volt[0]["entity_key"] == "volt deals"
    evil = next(row for row in rows if row["entity_kind"] == "seller" and "HYPERLINK" in row["entity_name"])
    assert evil["entity_name"].startswith("'=")  # a spreadsheet shows it as text, never runs it


def test_the_json_gives_each_lead_once_with_its_shipments(client, reviewer, approved):
    client.force_login(reviewer)
    response = client.get(reverse("targeting-leads:export", args=["json"]))
    feed = json.loads(body(response))
    assert (feed["format"], feed["version"]) == ("cbp-border-leads", 1)
    volt = next(lead for lead in feed["leads"] if lead["entity"]["name"] == "Volt Deals")
    assert volt["status"] == "approved" and volt["entity"] == {
        "kind": "seller",
        "key": "volt deals",
        "name": "Volt Deals",
    }
    assert volt["carriers"] == ["UPS", "USPS"] and volt["shipped_from_countries"] == ["HK"]
    assert volt["parcel_tracking_numbers"] == ["1Z999AA10123456784", "9400111202555842761999"]
    assert [s["carrier"] for s in volt["shipments"]] == ["UPS", "USPS"]
    assert volt["first_report_at"] <= volt["last_report_at"]
    assert "NOTREVIEWED1" not in json.dumps(feed)


def test_every_export_is_in_the_audit_log(client, reviewer, approved):
    client.force_login(reviewer)
    body(client.get(reverse("targeting-leads:export", args=["csv"])))
    body(client.get(reverse("targeting-leads:export", args=["json"]), {"status": "new"}))
    entries = ModelLogEntry.objects.filter(action="targeting.leads_export").order_by("pk")
    assert [(e.user, e.data["format"], e.data["status"]) for e in entries] == [
        (reviewer, "csv", "approved"),
        (reviewer, "json", "new"),
    ]
    assert LeadExport.objects.count() == 2


def test_people_without_the_export_permission_get_nothing(client, officer, approved):
    client.force_login(officer)
    response = client.get(reverse("targeting-leads:export", args=["csv"]))
    assert_refused(response, "JD014600003828340001")
    assert not ModelLogEntry.objects.filter(action="targeting.leads_export").exists()


def test_an_unknown_status_or_format_is_refused_plainly(client, reviewer, approved):
    client.force_login(reviewer)
    response = client.get(reverse("targeting-leads:export", args=["csv"]), {"status": "all"}, follow=True)
    assert "Choose which leads to export" in response.content.decode()
    assert client.get("/admin/border-leads/export.xlsx").status_code == 404
