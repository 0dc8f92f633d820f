"""The effectiveness page: share of reports that led to action and median days to action, on known data."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from outcomes.quarters import quarter_start, short_name
from partners.models import Partner
from tests.reports.factories import ReportFactory
from triage import operations

from .conftest import closed_with, sent_on

pytestmark = pytest.mark.django_db

URL = "/admin/outcomes-effectiveness/"


@pytest.fixture
def known(officer, chargers, shoes, last_quarter):
    """Chargers: 4 reports, 2 led to action (3 and 7 days), 1 no action, 1 open; shoes: 1 open; 1 spam."""
    start, _end = last_quarter
    day = start + timedelta(days=5)
    seized = closed_with("shipment_seized", user=officer, category=chargers, sent=day, acted=day + timedelta(days=3))
    closed_with("listing_removed", user=officer, category=chargers, sent=day, acted=day + timedelta(days=7))
    closed_with("no_action", user=officer, category=chargers, sent=day)
    sent_on(ReportFactory(product_category=chargers), day)
    sent_on(ReportFactory(product_category=shoes), day)
    spam = sent_on(ReportFactory(product_category=shoes), day)
    operations.change_status(spam, "closed", user=officer, closed_reason="spam")
    return {"quarter": start, "seized": seized}


def row(rows, label):
    return next(r for r in rows if r["label"] == label)


def csv_rows(client, quarters=4):
    response = client.get(URL, {"quarters": quarters, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_effectiveness_numbers_on_known_data(client, officer, known):
    client.force_login(officer)
    rows = csv_rows(client)
    total = row(rows, "All reports")
    assert (total["reports"], total["with_outcome"], total["led_to_action"]) == ("5", "3", "2")
    assert (total["share_percent"], total["median_days"]) == ("40.0", "5.0")
    chargers = row(rows, "Chargers")
    assert (chargers["reports"], chargers["led_to_action"], chargers["share_percent"], chargers["median_days"]) == (
        "4",
        "2",
        "50.0",
        "5.0",
    )
    shoes = row(rows, "Shoes")  # the spam report is not counted
    assert (shoes["reports"], shoes["led_to_action"], shoes["share_percent"], shoes["median_days"]) == (
        "1",
        "0",
        "0.0",
        "",
    )
    quarter = row(rows, short_name(known["quarter"]))
    assert (quarter["breakdown"], quarter["reports"], quarter["led_to_action"]) == ("quarter", "5", "2")
    this_quarter = row(rows, short_name(quarter_start(known["quarter"] + timedelta(days=100))))
    assert this_quarter["reports"] == "0"


def test_the_partner_a_report_was_shared_with_has_its_own_row(client, officer, chargers, last_quarter):
    partner = Partner.objects.create(name="BargainMart Trust & Safety", domains="bargainmart.example")
    day = last_quarter[0] + timedelta(days=2)
    shared = sent_on(ReportFactory(product_category=chargers, listing_url="https://bargainmart.example/item/1"), day)
    operations.refer(agency="marketplace", note="", user=officer, report=shared, recipient=partner)
    sent_on(ReportFactory(product_category=chargers, listing_url="https://bargainmart.example/item/2"), day)
    from outcomes import recording

    recording.close_report(shared, "listing_removed", user=officer, action_date=day + timedelta(days=1))
    client.force_login(officer)
    partner_row = row(csv_rows(client), "BargainMart Trust & Safety")
    assert (partner_row["breakdown"], partner_row["reports"], partner_row["led_to_action"]) == ("partner", "1", "1")
    assert (partner_row["share_percent"], partner_row["median_days"]) == ("100.0", "1.0")


def test_the_page_shows_the_tables_and_is_in_the_triage_menu(client, officer, known):
    client.force_login(officer)
    page = client.get(URL).content.decode()
    assert "2 of 5 reports led to action" in page and "(40.0%)" in page
    assert "By category" in page and "Chargers" in page
    assert URL in client.get(reverse("triage-trends:index")).content.decode()


def test_only_people_with_the_permission_see_it(client, editor, officer):
    client.force_login(editor)
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL, {"format": "csv"}).status_code in (302, 403)
    officer.groups.clear()
    client.force_login(officer)
    assert client.get(URL).status_code in (302, 403)
