"""Assisted reports: staff key in a report taken by phone, mail or TTY; the reporter's codes are shown once."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from wagtail.models import ModelLogEntry

from reports.models import Report
from reports.receipts import check_receipt_key
from tests.factories import ProductCategoryFactory, UserFactory
from triage.operations import as_logged

pytestmark = pytest.mark.django_db

KEY_IN = "/admin/assisted-reports/"


@pytest.fixture
def category(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)


@pytest.fixture
def taker(db):
    return UserFactory(username="tom", groups=["Assisted reports"])


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def token(client):
    return page(client.get(KEY_IN)).find("input", {"name": "token"})["value"]


def answers(client, **changes):
    data = {
        "token": token(client),
        "source": "phone",
        "product_category": "chargers",
        "description": "The charger got very hot and the plug melted.",
        "currency": "USD",
        "marketplace": "BargainMart",
        "payment_method": "card",
        "harm": "no",
        "contact_name": "Ana Reporter",
        "contact_phone": "555-0100",
        "preferred_language": "en",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def turned_away(response):
    """The admin's answer to a missing permission: back to the dashboard with a message (or a plain 403)."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_the_form_needs_the_permission(client, category):
    client.force_login(UserFactory(groups=["Triage officers"]))
    assert turned_away(client.get(KEY_IN))
    assert turned_away(client.post(KEY_IN, {"source": "phone"}))
    assert not Report.objects.exists()


def test_the_menu_item_shows_only_with_the_permission(client, taker):
    client.force_login(UserFactory(groups=["Triage officers"]))
    assert KEY_IN not in client.get("/admin/").content.decode()
    client.force_login(taker)
    assert KEY_IN in client.get("/admin/").content.decode()


def test_a_phone_report_is_saved_with_its_source_and_audit_logged(client, category, taker):
    client.force_login(taker)
    response = client.post(KEY_IN, answers(client))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.source == "phone"
    assert report.payment_method == "card"
    assert report.contact.name == "Ana Reporter"
    entry = ModelLogEntry.objects.for_instance(as_logged(report)).get(action="assisted.key_in")
    assert entry.user == taker and entry.data == {"source": "phone"}
    # The staff timeline says it in words.
    assert entry.formatter.format_message(entry) == "Keyed in the report (Phone call (keyed in by staff))"


def test_the_receipt_key_is_shown_once_with_a_letter_to_print(client, category, taker):
    client.force_login(taker)
    receipt_url = client.post(KEY_IN, answers(client, source="mail", preferred_language="es"))["Location"]
    report = Report.objects.get()
    first = client.get(receipt_url)
    assert first.status_code == 200
    assert first["Cache-Control"].count("no-store")
    html = page(first)
    key = html.find(attrs={"data-testid": "receipt-key"}).get_text(strip=True)
    assert re.fullmatch(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){3}", key)
    assert check_receipt_key(key, report.receipt_key_hash)
    letter = html.find("section", class_="assisted-letter")
    assert letter["lang"] == "es"
    letter_text = letter.get_text(" ", strip=True)
    assert report.tracking_number in letter_text and key in letter_text
    assert "Estimado" in letter_text or "Hola" in letter_text or "Ana Reporter" in letter_text
    assert "/es/report/status/" in letter_text
    assert report.source == "mail"
    # Reloading never shows it again.
    again = client.get(receipt_url)
    assert key not in again.content.decode()
    assert "already shown" in again.content.decode()


def test_the_key_does_not_go_into_the_audit_log_or_email(client, category, taker, django_capture_on_commit_callbacks):
    client.force_login(taker)
    with django_capture_on_commit_callbacks(execute=True):
        url = client.post(KEY_IN, answers(client, contact_email="ana@example.com"))["Location"]
    key = page(client.get(url)).find(attrs={"data-testid": "receipt-key"}).get_text(strip=True)
    assert key not in str(list(ModelLogEntry.objects.values_list("data", flat=True)))
    assert len(mail.outbox) == 1 and key not in mail.outbox[0].body


def test_another_officer_cannot_read_the_key(client, category, taker):
    client.force_login(taker)
    url = client.post(KEY_IN, answers(client))["Location"]
    client.force_login(UserFactory(groups=["Assisted reports"]))
    assert "already shown" in client.get(url).content.decode()


def test_a_double_click_saves_one_report(client, category, taker):
    client.force_login(taker)
    data = answers(client)
    first = client.post(KEY_IN, data)
    second = client.post(KEY_IN, data)
    assert Report.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_problems_are_shown_and_nothing_is_saved(client, category, taker):
    client.force_login(taker)
    response = client.post(
        KEY_IN, answers(client, description="short", consent=None, source="web", upc="036000291453")
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Tick the box to agree" in text
    assert "last digit should be 2" in text
    assert "Select a valid choice" in text  # "web" is not a way staff take reports
    assert not Report.objects.exists()


def test_the_receipt_page_needs_the_permission(client, category, taker):
    client.force_login(taker)
    url = client.post(KEY_IN, answers(client))["Location"]
    client.force_login(UserFactory(groups=["Triage officers"]))
    assert turned_away(client.get(url))
