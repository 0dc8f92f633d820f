"""The details that link reports (shared/report-api.md, additions of 2026-11-30): barcode number, model, serial or
lot, how it was paid, the amount refunded, how the seller was found, the reporter's state and ZIP code, and consent
to share contact details with the marketplace. Each one valid, invalid and absent, through the API and the form."""

import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from reports.models import Report

from .factories import multipart_fields, payload

pytestmark = pytest.mark.django_db

API_PATHS = ["/api/reports", "/api/v1/reports"]
NEW_FIELDS = {
    "upc",
    "model_number",
    "serial_or_lot",
    "payment_method",
    "amount_refunded",
    "found_seller_via",
    "reporter_state",
    "reporter_zip",
    "share_contact_with_marketplace",
    "share_contact_with_agencies",
}

# (field, what is sent, what the report then holds)
VALID = [
    ("upc", "036000291452", "036000291452"),
    ("upc", "0 36000 29145 2", "036000291452"),
    ("upc", "400-6381-33393-1", "4006381333931"),
    ("upc", "96385074", "96385074"),
    ("upc", "10614141000415", "10614141000415"),
    ("model_number", "VT-65W-C", "VT-65W-C"),
    ("serial_or_lot", "LOT 2025-11-A", "LOT 2025-11-A"),
    ("payment_method", "card", "card"),
    ("payment_method", "paypal_or_wallet", "paypal_or_wallet"),
    ("payment_method", "crypto", "crypto"),
    ("amount_refunded", "5.00", Decimal("5.00")),
    ("amount_refunded", "12.99", Decimal("12.99")),  # all of it back
    ("amount_refunded", 0, Decimal("0.00")),
    ("found_seller_via", "social_media_ad", "social_media_ad"),
    ("found_seller_via", "email_or_text", "email_or_text"),
    ("reporter_state", "VA", "VA"),
    ("reporter_state", "pr", "PR"),  # a territory, in lower case
    ("reporter_state", "DC", "DC"),
    ("reporter_zip", "20229", "20229"),
    ("reporter_zip", "20229-0001", "20229-0001"),
    ("share_contact_with_marketplace", True, True),
    ("share_contact_with_agencies", True, True),
]

# (field, what is sent, words the message holds)
INVALID = [
    ("upc", "036000291453", "last digit should be 2"),
    ("upc", "12345", "has 5"),
    ("upc", "03600029145X", "only the digits"),
    ("upc", 36000291452, "as text"),
    ("model_number", "M" * 101, "100 characters or fewer"),
    ("serial_or_lot", "S" * 101, "100 characters or fewer"),
    ("serial_or_lot", "lot\x07", "control"),
    ("payment_method", "cheque", "how you paid"),
    ("payment_method", ["card"], "how you paid"),
    ("amount_refunded", "13.00", "more than the price you paid (12.99)"),
    ("amount_refunded", "-1", "less than zero"),
    ("amount_refunded", "lots", "amount refunded as a number"),
    ("amount_refunded", "1.234", "two decimals"),
    ("found_seller_via", "tv", "how you found the seller"),
    ("reporter_state", "XX", "state or territory"),
    ("reporter_state", "Virginia", "state or territory"),
    ("reporter_zip", "2022", "ZIP code of 5 digits"),
    ("reporter_zip", "20229 0001", "ZIP code of 5 digits"),
    ("share_contact_with_marketplace", "maybe", "yes or no"),
    ("share_contact_with_agencies", "maybe", "yes or no"),
]


def post_json(client, path, data):
    return client.post(path, json.dumps(data), content_type="application/json")


# --- The API -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", API_PATHS)
@pytest.mark.parametrize(("field", "sent", "stored"), VALID)
def test_api_accepts_and_stores_each_valid_detail(client, category, path, field, sent, stored):
    response = post_json(client, path, payload(**{field: sent}))
    assert response.status_code == 201, response.json()
    assert getattr(Report.objects.get(), field) == stored


@pytest.mark.parametrize("path", API_PATHS)
@pytest.mark.parametrize(("field", "sent", "words"), INVALID)
def test_api_refuses_each_invalid_detail_with_a_message(client, category, path, field, sent, words):
    response = post_json(client, path, payload(**{field: sent}))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert words in errors[field][0]
    assert not Report.objects.exists()


@pytest.mark.parametrize("path", API_PATHS)
def test_api_reports_every_bad_detail_at_once(client, category, path):
    bad = {field: sent for field, sent, _words in INVALID[::-1]}  # one bad value per field
    response = post_json(client, path, payload(description="short", **bad))
    assert response.status_code == 400
    assert set(response.json()["errors"]) == NEW_FIELDS | {"description"}
    assert not Report.objects.exists()


@pytest.mark.parametrize("path", API_PATHS)
def test_api_without_the_details_keeps_working(client, category, path):
    assert not NEW_FIELDS & set(payload())
    assert post_json(client, path, payload()).status_code == 201
    report = Report.objects.get()
    assert (report.upc, report.model_number, report.serial_or_lot) == ("", "", "")
    assert (report.payment_method, report.found_seller_via, report.amount_refunded) == ("", "", None)
    assert (report.reporter_state, report.reporter_zip, report.share_contact_with_marketplace) == ("", "", False)


def test_api_null_and_empty_details_count_as_absent(client, category):
    data = payload()
    data.update({field: None for field in NEW_FIELDS} | {"upc": "", "reporter_zip": ""})
    assert post_json(client, "/api/reports", data).status_code == 201
    assert Report.objects.get().upc == ""


def test_a_refund_needs_no_price(client, category):
    response = post_json(client, "/api/reports", payload(price_paid=None, amount_refunded="40.00"))
    assert response.status_code == 201
    assert Report.objects.get().amount_refunded == Decimal("40.00")


def test_consent_to_share_means_nothing_without_contact_details(client, category):
    data = payload(anonymous=True, share_contact_with_marketplace=True, share_contact_with_agencies=True)
    response = post_json(client, "/api/reports", data)
    assert response.status_code == 201
    report = Report.objects.get()
    assert (report.share_contact_with_marketplace, report.share_contact_with_agencies) == (False, False)


@pytest.mark.parametrize("path", API_PATHS)
def test_multipart_takes_the_details_as_form_fields(client, category, path):
    fields = multipart_fields(
        upc="0 36000 29145 2",
        payment_method="card",
        amount_refunded="2.50",
        found_seller_via="search_engine",
        reporter_state="TX",
        reporter_zip="73301",
        share_contact_with_marketplace=True,
    )
    assert fields["share_contact_with_marketplace"] == "true"
    response = client.post(path, fields)
    assert response.status_code == 201, response.json()
    report = Report.objects.get()
    assert (report.upc, report.payment_method, report.amount_refunded) == ("036000291452", "card", Decimal("2.50"))
    assert (report.found_seller_via, report.reporter_state, report.reporter_zip) == ("search_engine", "TX", "73301")
    assert report.share_contact_with_marketplace is True


def test_the_openapi_schema_lists_the_details(client):
    schema = client.get("/api/v1/openapi.json").json()
    bodies = [
        operation["requestBody"]["content"]["application/json"]["schema"]
        for item in schema["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and operation.get("summary") == "Report a suspected counterfeit purchase"
    ]
    assert NEW_FIELDS <= set(bodies[0]["properties"])
    assert bodies[0]["properties"]["payment_method"]["enum"][0] == "card"


# --- The form ----------------------------------------------------------------------------------------

STEPS = {
    "what-you-bought": {
        "product_category": "chargers",
        "description": "The charger got very hot and the plug melted.",
        "price_paid": "12.99",
        "currency": "USD",
    },
    "where-you-bought-it": {"marketplace": "BargainMart"},
    "why-fake-or-unsafe": {"reasons": ["packaging"]},
    "harm": {"harm": "no"},
    "photos": {},
    "about-you": {
        "contact_name": "Ana",
        "contact_email": "ana@example.com",
        "preferred_language": "en",
        "consent": "on",
    },
}
# Which step asks for each detail, under which form field name.
STEP_OF = {
    "upc": "what-you-bought",
    "model_number": "what-you-bought",
    "serial_or_lot": "what-you-bought",
    "payment_method": "what-you-bought",
    "amount_refunded": "what-you-bought",
    "found_seller_via": "where-you-bought-it",
    "reporter_state": "about-you",
    "reporter_zip": "about-you",
    "share_contact_with_marketplace": "about-you",
    "share_contact_with_agencies": "about-you",
}


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def form_value(value):
    return "on" if value is True else value


def send_form(client, **answers):
    """Fill every step (with `answers` on their steps), review and send. Returns the review page."""
    for slug, data in STEPS.items():
        extra = {field: form_value(value) for field, value in answers.items() if STEP_OF[field] == slug}
        response = client.post(f"/report/{slug}/", {**data, **extra})
        assert response.status_code == 302, (slug, page(response).select(".usa-error-message"))
    review = client.get("/report/review/")
    token = page(review).find("input", {"name": "token"})["value"]
    assert client.post("/report/review/", {"token": token}).status_code == 302
    return review


FORM_VALID = [case for case in VALID if not isinstance(case[1], int) or isinstance(case[1], bool)]


@pytest.mark.parametrize(("field", "sent", "stored"), FORM_VALID)
def test_form_accepts_and_stores_each_valid_detail(client, category, field, sent, stored):
    send_form(client, **{field: sent})
    assert getattr(Report.objects.get(), field) == stored


@pytest.mark.parametrize(
    ("field", "sent", "words"),  # A checkbox sends "on" or nothing: it cannot be invalid on the form.
    [case for case in INVALID if isinstance(case[1], str) and not case[0].startswith("share_contact_with_")],
)
def test_form_explains_each_invalid_detail_on_its_step(client, category, field, sent, words):
    slug = STEP_OF[field]
    response = client.post(f"/report/{slug}/", {**STEPS[slug], field: sent})
    assert response.status_code == 200
    html = page(response)
    message = html.find(id=f"id_{field}-error")
    assert message is not None and words in message.get_text()
    # The error summary links to the field, and the field says it is invalid.
    assert html.select_one(f'#error-summary a[href="#id_{field}"]') is not None
    assert html.find(id=f"id_{field}")["aria-invalid"] == "true"


def test_form_without_the_details_keeps_working(client, category):
    review = send_form(client)
    report = Report.objects.get()
    assert (report.upc, report.payment_method, report.reporter_state, report.amount_refunded) == ("", "", "", None)
    assert report.share_contact_with_marketplace is False
    assert "Not given" in review.content.decode()


def test_form_review_shows_the_details_in_words(client, category):
    review = send_form(
        client,
        upc="0 36000 29145 2",
        payment_method="paypal_or_wallet",
        amount_refunded="3.00",
        found_seller_via="social_media_ad",
        reporter_state="PR",
        reporter_zip="00901",
        share_contact_with_marketplace=True,
    )
    text = " ".join(page(review).get_text().split())
    for words in (
        "036000291452",
        "PayPal or another online wallet",
        "3.00 USD",
        "An ad on social media",
        "Puerto Rico",
        "00901",
    ):
        assert words in text
    assert Report.objects.get().share_contact_with_marketplace is True


def test_the_product_numbers_fold_opens_when_it_holds_an_error(client, category):
    folded = page(client.get("/report/what-you-bought/")).find("details", id="product-numbers")
    assert folded is not None and not folded.has_attr("open")
    response = client.post("/report/what-you-bought/", {**STEPS["what-you-bought"], "upc": "036000291453"})
    assert page(response).find("details", id="product-numbers").has_attr("open")


def test_the_new_questions_are_in_spanish(client, category):
    html = client.get("/es/report/what-you-bought/").content.decode()
    assert "¿Cómo pagó? (opcional)" in html
    assert "Tarjeta de crédito o débito" in html
    about = client.get("/es/report/about-you/").content.decode()
    assert "Código postal (opcional)" in about
