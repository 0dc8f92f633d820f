"""The linking details on the staff report page and in the queue's CSV export (never the contact details)."""

import csv
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.reports.factories import ReporterContactFactory
from tests.triage.conftest import make_report

pytestmark = pytest.mark.django_db

DETAILS = {
    "upc": "036000291452",
    "model_number": "VT-65",
    "serial_or_lot": "LOT-77",
    "payment_method": "paypal_or_wallet",
    "amount_refunded": Decimal("4.50"),
    "found_seller_via": "social_media_ad",
    "reporter_state": "PR",
    "reporter_zip": "00901",
    "share_contact_with_marketplace": True,
}


def test_the_report_page_shows_the_details_in_words(client, officer, toys_free):
    report = make_report(toys_free, **DETAILS)
    client.force_login(officer)
    response = client.get(reverse("triage:inspect", args=[report.pk]))
    facts = {
        row.find("dt").get_text(strip=True): row.find("dd").get_text(" ", strip=True)
        for row in BeautifulSoup(response.content, "html.parser").select(".triage-facts__row")
    }
    assert facts["UPC or barcode number"] == "036000291452"
    assert facts["Model number"] == "VT-65"
    assert facts["Serial or lot number"] == "LOT-77"
    assert facts["Paid with"] == "PayPal or another online wallet (Apple Pay, Google Pay, Venmo)"
    assert facts["Amount refunded"] == "4.50"
    assert facts["Found the seller through"] == "An ad on social media"
    assert facts["Reporter's state"] == "Puerto Rico (PR)"
    assert facts["Reporter's ZIP code"] == "00901"
    assert facts["Contact details may go to the marketplace"] == "Yes"


def test_the_export_has_the_details_and_still_no_contact(client, officer, toys_free):
    report = make_report(toys_free, **DETAILS)
    ReporterContactFactory(report=report, name="Bob Private", email="bob@example.com", phone="555-9999")
    client.force_login(officer)
    body = b"".join(client.get(reverse("triage:index"), {"export": "csv"}).streaming_content).decode()
    header, row = csv.reader(io.StringIO(body.lstrip("\ufeff")))
    columns = dict(zip(header, row, strict=True))
    assert columns["Barcode number"] == "036000291452"
    assert columns["Model number"] == "VT-65"
    assert columns["Serial or lot number"] == "LOT-77"
    assert columns["Paid with"] == "PayPal or another online wallet (Apple Pay, Google Pay, Venmo)"
    assert columns["Amount refunded"] == "4.50"
    assert columns["Found the seller through"] == "An ad on social media"
    assert (columns["Reporter's state"], columns["Reporter's ZIP code"]) == ("PR", "00901")
    for secret in ("Bob Private", "bob@example.com", "555-9999"):
        assert secret not in body
