"""Never a 500 for anything a client sends: each case here gave a 500 before (issue 10), through the real URL."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partners import keys
from partners.models import Partner, Scope
from reports.models import Report
from tests.factories import ArticlePageFactory, ProductCategoryFactory
from tests.reports.factories import RECEIPT_KEY, ReportFactory, payload

pytestmark = pytest.mark.django_db

DEEP_JSON = "[" * 10_000 + "]" * 10_000
DEEP_OBJECT = '{"a":' * 10_000 + "1" + "}" * 10_000
TOO_DEEP = "The body is nested too deeply: send at most 20 levels of lists and objects."


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.REPORT_RATE_LIMITS = {name: (10_000, 3600) for name in settings.REPORT_RATE_LIMITS}


@pytest.fixture
def category(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)


@pytest.fixture
def partner_key(db):
    partner = Partner.objects.create(name="BargainMart", domains="bargainmart.example.com")
    return keys.create_key(partner=partner, name="sync", scopes=Scope.values)[1]


def json_bodies(report, key):
    """Every address that reads a JSON body: (url, extra request headers)."""
    partner = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    receipt = {"HTTP_X_RECEIPT_KEY": RECEIPT_KEY}
    return [
        ("/api/reports", {}),
        ("/api/v1/reports", {}),
        (f"/api/reports/{report.tracking_number}/additions", receipt),
        (f"/api/v1/reports/{report.tracking_number}/additions", receipt),
        ("/api/v1/partner/referrals/1/responses", partner),
        ("/api/v1/partner/reports/bulk", partner),
    ]


# --- 1. JSON nested 10,000 levels deep ------------------------------------------------------------------


@pytest.mark.parametrize("body", [DEEP_JSON, DEEP_OBJECT, '{"reasons": ' + "[" * 21 + "]" * 21 + "}"])
def test_deeply_nested_json_is_a_400_on_every_json_body(client, partner_key, body):
    report = ReportFactory()
    for url, headers in json_bodies(report, partner_key):
        response = client.post(url, body, content_type="application/json", **headers)
        assert response.status_code == 400, (url, response.content[:300])
        assert response.json() == {"errors": {"body": [TOO_DEEP]}}, url
    assert Report.objects.count() == 1


def test_json_within_the_depth_limit_still_reads(client, category):
    response = client.post(
        "/api/reports", json.dumps(payload(reasons=["price_too_low"])), content_type="application/json"
    )
    assert response.status_code == 201, response.content


def test_deeply_nested_json_in_a_multipart_field_is_read_as_text(client, category):
    """`reasons` and `contact` may be JSON strings in a form body; too deep is a field error, not a crash."""
    fields = {**payload(), "reasons": DEEP_JSON, "contact": DEEP_OBJECT}
    response = client.post("/api/reports", fields)
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"reasons", "contact"}
    assert not Report.objects.exists()


# --- 2. Huge numbers and other odd numbers ----------------------------------------------------------------

PRICE_NUMBER = "Enter the price as a number like 19.99."
PRICE_TOO_HIGH = "Enter a price of 1,000,000 or less."
PRICE_BELOW_ZERO = "Enter the price you paid; it cannot be less than zero."


@pytest.mark.parametrize(
    ("raw_price", "message"),
    [
        ("1" * 5000, PRICE_TOO_HIGH),  # a 5,000-digit JSON number (Python refuses > 4,300 digits as int)
        ("-" + "1" * 5000, PRICE_BELOW_ZERO),
        ('"' + "9" * 5000 + '"', PRICE_TOO_HIGH),
        ("1" * 5000 + ".5", PRICE_NUMBER),  # a float that overflows to infinity
        ("1e999999", PRICE_NUMBER),
        ('"1e999999"', PRICE_TOO_HIGH),
        ('"1e99999999999999999999999999"', PRICE_NUMBER),
        ("NaN", PRICE_NUMBER),
        ("Infinity", PRICE_NUMBER),
        ("-Infinity", PRICE_NUMBER),
        ('"NaN"', PRICE_NUMBER),
        ('"sNaN"', PRICE_NUMBER),
        ('"-Infinity"', PRICE_NUMBER),
        ("[12]", PRICE_NUMBER),
        ('{"amount": 12}', PRICE_NUMBER),
    ],
)
@pytest.mark.parametrize("url", ["/api/reports", "/api/v1/reports"])
def test_odd_prices_on_the_api_get_the_price_message(client, category, url, raw_price, message):
    body = json.dumps(payload(price_paid="PRICE")).replace('"PRICE"', raw_price)
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert response.json() == {"errors": {"price_paid": [message]}}
    assert not Report.objects.exists()


@pytest.mark.parametrize("price", ["-0", '"-0"', "0", '"12.99"', "12"])
def test_plain_prices_as_numbers_or_strings_are_accepted(client, category, price):
    body = json.dumps(payload(price_paid="PRICE")).replace('"PRICE"', price)
    response = client.post("/api/reports", body, content_type="application/json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("price", "message"),
    [("1" * 5000, PRICE_TOO_HIGH), ("1e999999", PRICE_TOO_HIGH), ("NaN", PRICE_NUMBER), ("Infinity", PRICE_NUMBER)],
)
def test_odd_prices_on_the_form_get_the_price_message(client, category, price, message):
    step = {
        "product_category": "chargers",
        "description": "The charger got very hot and smelled of burning plastic.",
        "price_paid": price,
    }
    response = client.post("/report/what-you-bought/", step)
    assert response.status_code == 200
    assert message in response.text.replace("&#x27;", "'")


def test_a_huge_whole_number_in_a_partner_bulk_is_refused_for_that_report(client, partner_key):
    body = '{"reports": [{"external_id": ' + "7" * 5000 + ', "price_paid": ' + "7" * 5000 + "}]}"
    response = client.post(
        "/api/v1/partner/reports/bulk",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {partner_key}",
    )
    assert response.status_code == 200, response.content[:300]
    (result,) = response.json()["results"]
    assert result["status"] == "invalid"
    assert result["errors"]["price_paid"] == [PRICE_TOO_HIGH]
    assert not Report.objects.exists()


# --- 3. Search syntax on the database fallback ------------------------------------------------------------

QUERY_SYNTAX = [
    '"',
    'fake "chargers',
    '"fake chargers"',
    "(chargers",
    "chargers)",
    "*",
    "charg*",
    "-chargers",
    "chargers -fake",
    "title:chargers",
    ":",
    "chargers OR",
    "OR",
    "AND NOT",
    "NEAR(chargers fake",
    "NEAR",
    "\\",
    "chargers\\",
    "'",
    "a'b",
    "^chargers",
    "{chargers}",
    "[chargers]",
    "chargers~2",
    "!",
    "&",
    "|",
    "<->",
    "chargers:*",
    "%_",
    "😀",
    "x" * 200,
]
PUBLIC_SEARCHES = ["/search/", "/es/search/", "/api/search", "/api/v1/search", "/search/autocomplete/"]


@pytest.fixture
def article(site_tree):
    """An article, so the database search really runs its full-text query."""
    return ArticlePageFactory(parent=site_tree["en"][1], title="Fake chargers", summary="They catch fire.")


@pytest.mark.parametrize("query", QUERY_SYNTAX)
def test_search_syntax_on_the_database_fallback(client, article, query):
    for url in PUBLIC_SEARCHES:
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query, response.content[:300])


def test_quoted_words_still_find_the_article(client, article):
    response = client.get("/api/search", {"q": '"fake chargers'})
    assert [hit["title"] for hit in response.json()["results"]] == ["Fake chargers"]


@pytest.mark.parametrize("query", ["chargers\x00", "x" * 5000])
def test_nul_and_very_long_searches_are_a_400_with_a_message(client, article, query):
    for url in ["/search/", "/api/search", "/api/v1/search"]:
        response = client.get(url, {"q": query})
        assert response.status_code == 400, (url, response.content[:300])
    answer = client.get("/api/search", {"q": query}).json()
    assert answer["errors"]["q"]


@pytest.mark.parametrize("query", [*QUERY_SYNTAX, "chargers\x00", "x" * 5000])
def test_autocomplete_and_importer_directory_take_any_query(client, article, query):
    assert client.get("/search/autocomplete/", {"q": query}).status_code == 200
    directory = client.get("/trusted-importers/", {"q": query})
    assert directory.status_code in (200, 400), directory.content[:300]
    seller = client.get("/trusted-importers/", {"seller": query})
    assert seller.status_code in (200, 400), seller.content[:300]


ADMIN_SEARCHES = [
    "/admin/triage/",
    "/admin/triage-cases/",
    "/admin/trusted-importers/",
    "/admin/api-keys/",
    "/admin/pages/search/",
]


@pytest.mark.parametrize("query", QUERY_SYNTAX)
def test_admin_search_boxes_take_query_syntax(client, article, admin_user, query):
    ReportFactory(description="Fake chargers from a marketplace seller.")
    client.force_login(admin_user)
    for url in ADMIN_SEARCHES:
        response = client.get(url, {"q": query})
        assert response.status_code == 200, (url, query, response.status_code)


# --- 4. Malformed web addresses ---------------------------------------------------------------------------

BROKEN_ADDRESSES = [
    "http://[::1",
    "http://[::1]x",
    "https://[shop.example.com/item",
    "[",
    "http://a:99999",
    "http://a:-1",
    "http://a:port",
    "http://" + "a" * 100_000 + ".com",
    "http://exa mple.com",
    "http://\u0000.com",
    "http://.",
]


@pytest.mark.parametrize("address", BROKEN_ADDRESSES)
def test_broken_addresses_in_the_importer_check_are_a_400(client, address):
    response = client.get("/api/v1/importers/check", {"url": address})
    assert response.status_code == 400, response.content[:300]
    assert response.json()["errors"]["url"]


@pytest.mark.parametrize("address", BROKEN_ADDRESSES)
def test_broken_addresses_in_the_directory_seller_check(client, db, address):
    response = client.get("/trusted-importers/", {"seller": address})
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("address", BROKEN_ADDRESSES)
@pytest.mark.parametrize("url", ["/api/reports", "/api/v1/reports"])
def test_broken_listing_addresses_in_a_report_are_a_400(client, category, url, address):
    response = client.post(url, json.dumps(payload(listing_url=address)), content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert response.json()["errors"]["listing_url"]
    assert not Report.objects.exists()


@pytest.mark.parametrize("address", BROKEN_ADDRESSES)
def test_broken_listing_addresses_on_the_form(client, address):
    response = client.post("/report/where-you-bought-it/", {"marketplace": "Shop", "listing_url": address})
    assert response.status_code == 200
    assert "usa-error-message" in response.text


@pytest.mark.parametrize("address", [text for text in BROKEN_ADDRESSES if len(text) < 2000 and "\x00" not in text])
def test_broken_addresses_in_the_staff_importer_lookup(client, admin_user, address):
    report = ReportFactory(listing_url="https://shop.example.com/item/1")
    Report.objects.filter(pk=report.pk).update(listing_url=address)
    client.force_login(admin_user)
    response = client.get(f"/admin/triage/inspect/{report.pk}/")
    assert response.status_code == 200


# --- 5. Bodies sent in chunks -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/reports", "/api/v1/reports", "/api/v1/partner/reports/bulk"])
def test_a_chunked_body_on_the_api_is_a_411_with_a_json_error(client, category, url):
    response = client.post(
        url, json.dumps(payload()), content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    )
    assert response.status_code == 411
    assert "Content-Length" in response.json()["error"]
    assert not Report.objects.exists()


def test_a_chunked_body_on_a_page_is_a_411_page(client):
    response = client.post(
        "/report/what-you-bought/",
        "description=x",
        content_type="application/x-www-form-urlencoded",
        HTTP_TRANSFER_ENCODING="chunked",
    )
    assert response.status_code == 411
    assert response["Content-Type"].startswith("text/html")
    assert "Send the request with its length" in response.text


def test_an_upload_with_a_chunked_body_saves_nothing(client, category, report_files):
    photo = SimpleUploadedFile("photo.png", b"\x89PNG", content_type="image/png")
    response = client.post("/api/reports", {**payload(), "files": [photo]}, HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411
    assert not Report.objects.exists()
    assert not report_files.exists() or not any(report_files.rglob("*"))


# --- Found by fuzzing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", ["topic=%00", "topic=a%00b&kind=%00&page=%00", "page=-1&topic=x" + "y" * 5000])
def test_library_listing_filters_with_nul_and_junk(client, site_tree, params):
    library = site_tree["en"][1].url
    for url in (library, f"{library}topics/"):
        response = client.get(url, QUERY_STRING=params)
        assert response.status_code == 200, (url, params, response.status_code)
