from datetime import date, timedelta
from decimal import Decimal

import pytest

from reports.validation import validate_report

from .factories import payload

pytestmark = pytest.mark.django_db


def test_a_complete_report_is_clean(category):
    cleaned, errors = validate_report(payload())
    assert errors == {}
    assert cleaned["product_category"] == category
    assert cleaned["price_paid"] == Decimal("12.99")
    assert cleaned["purchase_date"] == date(2026, 1, 15)
    assert cleaned["reasons"] == ["price_too_low", "no_safety_marks"]
    assert cleaned["contact"] == {"name": "Ana Reporter", "email": "ana@example.com", "phone": "555-0100"}


def test_the_smallest_report(category):
    cleaned, errors = validate_report(
        {"product_category": "chargers", "description": "Fake charger, burns.", "seller_name": "x", "consent": True}
    )
    assert errors == {}
    assert cleaned["currency"] == "USD"
    assert cleaned["price_paid"] is None
    assert cleaned["harm"] is False
    assert cleaned["preferred_language"] == "en"


def test_every_problem_is_reported_at_once(category):
    data = payload(
        product_category="no-such-thing",
        description="short",
        price_paid="lots",
        currency="DOLLARS",
        purchase_date="15/01/2026",
        marketplace="",
        seller_name="",
        listing_url="",
        shipped_from_country="China",
        reasons=["price_too_low", "aliens"],
        harm=True,
        contact={"email": "not-an-address"},
        preferred_language="fr",
        consent=False,
    )
    _cleaned, errors = validate_report(data)
    assert set(errors) == {
        "product_category",
        "description",
        "price_paid",
        "currency",
        "purchase_date",
        "marketplace",
        "shipped_from_country",
        "reasons",
        "harm_description",
        "contact.email",
        "preferred_language",
        "consent",
    }
    assert errors["price_paid"] == ["Enter the price as a number like 19.99."]
    assert errors["marketplace"] == [
        "Give at least one of: the marketplace, the seller's name, or the listing address."
    ]
    assert errors["consent"] == ["Tick the box to agree that we may use your report as described."]


def test_missing_required_fields(category):
    _cleaned, errors = validate_report({})
    assert errors["product_category"] == ["Choose the product category."]
    assert errors["description"] == ["Describe what you bought and what is wrong with it."]
    assert "marketplace" in errors and "consent" in errors


@pytest.mark.parametrize(
    ("price", "expected"),
    [
        ("19.99", Decimal("19.99")),
        ("0", Decimal("0.00")),
        ("1000000", Decimal("1000000.00")),
        ("$1,234.50", Decimal("1234.50")),
        (20, Decimal("20.00")),
        ("", None),
    ],
)
def test_good_prices(category, price, expected):
    cleaned, errors = validate_report(payload(price_paid=price))
    assert "price_paid" not in errors
    assert cleaned["price_paid"] == expected


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("-1", "Enter the price you paid; it cannot be less than zero."),
        ("1000000.01", "Enter a price of 1,000,000 or less."),
        ("19.999", "Enter the price with at most two decimals, like 19.99."),
        ("19,99", "Enter the price as a number like 19.99."),
        ("NaN", "Enter the price as a number like 19.99."),
        (True, "Enter the price as a number like 19.99."),
        (["1"], "Enter the price as a number like 19.99."),
    ],
)
def test_bad_prices(category, price, message):
    _cleaned, errors = validate_report(payload(price_paid=price))
    assert errors["price_paid"] == [message]


def test_purchase_date_limits(category):
    tomorrow_here = date.today() + timedelta(days=3)
    assert validate_report(payload(purchase_date=tomorrow_here.isoformat()))[1]["purchase_date"] == [
        "Enter a purchase date that is today or earlier."
    ]
    assert validate_report(payload(purchase_date="1999-12-31"))[1]["purchase_date"] == [
        "Enter a purchase date in 2000 or later."
    ]
    assert validate_report(payload(purchase_date="2026-02-30"))[1]["purchase_date"] == [
        "Enter a real date, like 2026-03-15."
    ]
    assert "purchase_date" not in validate_report(payload(purchase_date=date.today().isoformat()))[1]


def test_any_one_of_marketplace_seller_or_listing_is_enough(category):
    for field in ("marketplace", "seller_name", "listing_url"):
        data = payload(marketplace="", seller_name="", listing_url="")
        data[field] = "https://shop.example.com/x" if field == "listing_url" else "Someone"
        assert "marketplace" not in validate_report(data)[1], field


@pytest.mark.parametrize("url", ["ftp://shop.example.com/x", "javascript:alert(1)", "shop dot com", "https://"])
def test_listing_url_must_be_a_web_address(category, url):
    _cleaned, errors = validate_report(payload(listing_url=url))
    assert errors["listing_url"][0].startswith("Enter the listing's full web address")


def test_listing_url_length(category):
    url = "https://shop.example.com/" + "a" * 2000
    assert (
        "Shorten the listing address to 2,000 characters"
        in validate_report(payload(listing_url=url))[1]["listing_url"][0]
    )


def test_lengths_are_checked_after_trimming(category):
    cleaned, errors = validate_report(payload(brand="  " + "b" * 200 + "  ", order_number="o" * 101))
    assert "brand" not in errors and cleaned["brand"] == "b" * 200
    assert errors["order_number"] == ["Shorten the order number to 100 characters or fewer (it has 101)."]
    assert validate_report(payload(description="d" * 5001))[1]["description"] == [
        "Shorten the description to 5,000 characters or fewer (it has 5,001)."
    ]


def test_control_characters_are_refused_but_newlines_and_tabs_are_fine(category):
    cleaned, errors = validate_report(payload(description="Line one\r\nLine\ttwo is long enough", brand="Vol\x00ta"))
    assert cleaned["description"] == "Line one\nLine\ttwo is long enough"
    assert errors == {"brand": ["Remove the special (control) characters from the brand."]}
    assert "seller_name" in validate_report(payload(seller_name="a\x1bb"))[1]


def test_wrong_json_types_get_messages(category):
    data = payload(brand=12, description=["x"], still_have_item="maybe", reasons="price_too_low", contact="me")
    _cleaned, errors = validate_report(data)
    assert errors["brand"] == ["Enter the brand as text."]
    assert errors["description"] == ["Enter the description as text."]
    assert errors["still_have_item"] == ["Answer whether you still have the item with yes or no (true or false)."]
    assert errors["reasons"][0].startswith("Send the reasons as a list")
    assert errors["contact"] == ["Send contact details as an object with name, email and phone."]
    assert validate_report(["not", "an", "object"])[1] == {"body": ["Send the report as a JSON object."]}


def test_codes_are_accepted_in_any_case(category):
    cleaned, errors = validate_report(payload(currency="mxn", shipped_from_country="mx", preferred_language="ES"))
    assert errors == {}
    assert (cleaned["currency"], cleaned["shipped_from_country"], cleaned["preferred_language"]) == ("MXN", "MX", "es")


def test_harm_needs_a_description_and_no_harm_drops_it(category):
    assert validate_report(payload(harm=True))[1]["harm_description"] == [
        "Tell us what happened: who was hurt or what was damaged, and how."
    ]
    cleaned, errors = validate_report(payload(harm=True, harm_description="My son burned his hand."))
    assert errors == {} and cleaned["harm_description"] == "My son burned his hand."
    cleaned, _errors = validate_report(payload(harm=False, harm_description="left over from before"))
    assert cleaned["harm_description"] == ""


def test_anonymous_reports_drop_the_contact(category):
    cleaned, errors = validate_report(payload(anonymous=True, contact={"email": "not valid"}))
    assert errors == {}
    assert cleaned["contact"] == {}


def test_contact_limits(category):
    _cleaned, errors = validate_report(payload(contact={"name": "n" * 201, "phone": "1" * 41, "email": "a@b"}))
    assert set(errors) == {"contact.name", "contact.phone", "contact.email"}


def test_unknown_fields_are_ignored(category):
    cleaned, errors = validate_report(payload(favourite_colour="blue", status="closed"))
    assert errors == {}
    assert "favourite_colour" not in cleaned and "status" not in cleaned


def test_consent_accepts_form_values(category):
    assert "consent" not in validate_report(payload(consent="on"))[1]
    assert "consent" in validate_report(payload(consent="false"))[1]


def test_default_language_comes_from_the_caller(category):
    data = payload()
    del data["preferred_language"]
    assert validate_report(data, default_language="es")[0]["preferred_language"] == "es"
