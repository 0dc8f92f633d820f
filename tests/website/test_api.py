"""/api/v1/: the schema and docs, JSON errors, and the public routes (library, search, reports, importers)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from importers.models import VettingStatus
from tests.factories import ArticlePageFactory, ProductCategoryFactory, TopicFactory
from tests.importers.conftest import ImporterFactory, set_status

pytestmark = pytest.mark.django_db


# --- Schema, docs, errors --------------------------------------------------------------------------


def test_the_openapi_schema_describes_every_route(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    assert {
        "/api/v1/library/articles",
        "/api/v1/library/articles/{article_id}",
        "/api/v1/search",
        "/api/v1/reports",
        "/api/v1/reports/{tracking_number}/status",
        "/api/v1/reports/{tracking_number}/additions",
        "/api/v1/importers",
        "/api/v1/importers/check",
        "/api/v1/statistics/weekly",
        "/api/v1/statistics/weekly.csv",
        "/api/v1/partner/referrals",
        "/api/v1/partner/referrals/{referral_id}/responses",
        "/api/v1/partner/reports/bulk",
    } <= set(schema["paths"])
    referrals = schema["paths"]["/api/v1/partner/referrals"]["get"]
    assert referrals["security"], "partner routes say they need a key"
    assert "security" not in schema["paths"]["/api/v1/search"]["get"]
    assert schema["components"]["securitySchemes"]["PartnerKeyAuth"]["scheme"] == "bearer"


def test_the_interactive_docs_load_from_our_own_server(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "cdn.jsdelivr" not in page and "unpkg" not in page


def test_a_wrong_method_is_a_json_405(client):
    response = client.delete("/api/v1/library/topics")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"error": "Use GET for this address."}


def test_an_unknown_address_under_v1_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert "api/v1/docs" in response.json()["error"]


# --- Library ---------------------------------------------------------------------------------------


@pytest.fixture
def articles(site_tree):
    chargers = TopicFactory(name="Chargers", slug="chargers")
    toys = TopicFactory(name="Toys", slug="toys")
    english = ArticlePageFactory(parent=site_tree["en"][1], title="Spot a fake charger", topics=[chargers])
    ArticlePageFactory(parent=site_tree["en"][1], title="Unsafe toys", topics=[toys])
    draft = ArticlePageFactory(parent=site_tree["en"][1], title="Draft about chargers", topics=[chargers], live=False)
    spanish = english.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.title = "Cómo reconocer un cargador falso"
    spanish.save_revision().publish()
    return {"english": english, "spanish": spanish.specific, "draft": draft}


def test_articles_list_only_published_pages_with_filters(client, articles):
    everything = client.get("/api/v1/library/articles").json()
    titles = {article["title"] for article in everything["results"]}
    assert titles == {"Spot a fake charger", "Unsafe toys", "Cómo reconocer un cargador falso"}
    assert everything["count"] == 3

    english_chargers = client.get("/api/v1/library/articles", {"topic": "chargers", "language": "en"}).json()
    assert [a["title"] for a in english_chargers["results"]] == ["Spot a fake charger"]
    assert english_chargers["results"][0]["url"].startswith("http://testserver/")


def test_an_article_has_its_body_and_translations(client, articles):
    english = articles["english"]
    body = client.get(f"/api/v1/library/articles/{english.pk}").json()
    assert body["title"] == "Spot a fake charger"
    assert "Some guidance." in body["body_html"]
    assert body["translations"] == {"es": articles["spanish"].pk}


def test_a_draft_or_missing_article_is_a_404(client, articles):
    for article_id in (articles["draft"].pk, 999999):
        response = client.get(f"/api/v1/library/articles/{article_id}")
        assert response.status_code == 404
        assert response.json() == {"error": "There is no published article with this id."}


@pytest.mark.parametrize(
    "params, field",
    [
        ({"language": "fr"}, "language"),
        ({"topic": "no-such-topic"}, "topic"),
        ({"page": "0"}, "page"),
        ({"page_size": "500"}, "page_size"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_library_parameters_say_what_to_change(client, articles, params, field):
    response = client.get("/api/v1/library/articles", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


# --- Search ----------------------------------------------------------------------------------------


def test_search_v1_answers_like_the_website(client, articles):
    body = client.get("/api/v1/search", {"q": "charger", "language": "en"}).json()
    assert [hit["title"] for hit in body["results"]] == ["Spot a fake charger"]
    assert body["backend"] == "database"
    old = client.get("/api/search", {"q": "charger", "language": "en"}).json()
    assert body["results"] == old["results"]


def test_search_v1_uses_elasticsearch_when_it_answers(client, articles, search_index):
    search_index.rebuild()
    body = client.get("/api/v1/search", {"q": "chargr"}).json()
    assert body["backend"] == "elasticsearch"
    assert "Spot a fake charger" in [hit["title"] for hit in body["results"]]


def test_search_v1_refuses_unknown_and_bad_parameters(client, articles):
    too_long = client.get("/api/v1/search", {"q": "x" * 201})
    assert too_long.status_code == 400
    assert list(too_long.json()["errors"]) == ["q"]
    unknown = client.get("/api/v1/search", {"q": "fake", "colour": "red"})
    assert unknown.status_code == 400
    assert list(unknown.json()["errors"]) == ["colour"]


# --- Reports: the same contract as /api/reports --------------------------------------------------


@pytest.fixture
def category(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)


def test_a_report_sent_to_v1_gets_a_tracking_number_and_its_status(client, category):
    from tests.reports.factories import payload

    created = client.post("/api/v1/reports", json.dumps(payload()), content_type="application/json")
    assert created.status_code == 201
    answer = created.json()
    status = client.get(
        f"/api/v1/reports/{answer['tracking_number']}/status", HTTP_X_RECEIPT_KEY=answer["receipt_key"]
    )
    assert status.status_code == 200
    assert status.json()["status"] == "received"
    wrong = client.get(f"/api/v1/reports/{answer['tracking_number']}/status", HTTP_X_RECEIPT_KEY="nope")
    assert wrong.status_code == 404


def test_v1_and_the_original_address_give_the_same_errors(client, category):
    from tests.reports.factories import payload

    bad = json.dumps(payload(description="short", consent=False, listing_url="ftp://x"))
    v1 = client.post("/api/v1/reports", bad, content_type="application/json")
    original = client.post("/api/reports", bad, content_type="application/json")
    assert v1.status_code == original.status_code == 400
    assert v1.json() == original.json()
    assert client.post("/api/v1/reports", "x", content_type="text/plain").status_code == 415


# --- Importers -------------------------------------------------------------------------------------


@pytest.fixture
def importers(db):
    listed = ImporterFactory(
        legal_name="Volta Imports LLC",
        trade_names=["Volta"],
        domains=["volta-imports.example"],
        stores=["https://market.example/shops/volta"],
    )
    suspended = ImporterFactory(legal_name="Volta Suspended Inc", domains=["suspended.example"])
    set_status(suspended, VettingStatus.SUSPENDED)
    ImporterFactory(
        legal_name="Volta Expired Co",
        domains=["expired.example"],
        vetted_on=timezone.localdate() - timedelta(days=800),
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    return listed


def test_the_directory_lists_only_trusted_and_current_importers(client, importers):
    body = client.get("/api/v1/importers", {"q": "Volta"}).json()
    assert [i["legal_name"] for i in body["results"]] == ["Volta Imports LLC"]
    assert body["results"][0]["domains"] == ["volta-imports.example"]
    assert body["results"][0]["store_urls"] == ["https://market.example/shops/volta"]


@pytest.mark.parametrize(
    "url, found",
    [
        ("https://www.volta-imports.example/products/1", True),
        ("volta-imports.example", True),
        ("http://market.example/shops/volta/item/9?ref=x", True),
        ("https://market.example/shops/someone-else", False),
        ("https://suspended.example/", False),
        ("https://expired.example/", False),
    ],
)
def test_check_a_seller_address(client, importers, url, found):
    body = client.get("/api/v1/importers/check", {"url": url}).json()
    assert body["vetted_importer"] is found
    assert (body["importer"] or {}).get("legal_name") == ("Volta Imports LLC" if found else None)
    assert "does not mean a product is genuine" in body["meaning"]


def test_check_without_an_address_says_what_to_send(client, importers):
    response = client.get("/api/v1/importers/check", {"url": "not an address"})
    assert response.status_code == 400
    assert "url" in response.json()["errors"]
    assert client.get("/api/v1/importers/check").status_code == 400


# --- Statistics ------------------------------------------------------------------------------------


def test_weekly_statistics_as_json_and_csv_hide_small_counts(client, category):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from reports.models import Report
    from tests.reports.factories import ReportFactory

    today = timezone.localdate()
    last_monday = today - timedelta(days=today.weekday() + 7)
    reports = ReportFactory.create_batch(7, product_category=category, shipped_from_country="CN")
    reports += ReportFactory.create_batch(2, product_category=category, shipped_from_country="VN")
    moment = timezone.make_aware(datetime.combine(last_monday, time(12)), ZoneInfo(settings.TIME_ZONE))
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(submitted_at=moment)

    body = client.get("/api/v1/statistics/weekly", {"weeks": 2}).json()
    assert len(body["weeks"]) == 2
    week = body["weeks"][-1]
    assert week["week_start"] == last_monday.isoformat()
    assert week["total"] == 9
    countries = {row["value"]: row for row in week["by_shipped_from_country"]}
    assert "VN" not in countries  # two reports: merged into "other", never shown on their own
    published = [
        row["count"]
        for shown in body["weeks"]
        for key in ("by_category", "by_marketplace", "by_shipped_from_country")
        for row in shown[key]
        if row["count"] is not None
    ]
    assert all(count >= 5 for count in published)

    csv_response = client.get("/api/v1/statistics/weekly.csv", {"weeks": 2})
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode().splitlines()
    assert lines[0] == "week_start,week_end,dimension,value,label,count"
    assert f"{last_monday.isoformat()}" in csv_response.content.decode()
    assert ",VN," not in csv_response.content.decode()


def test_statistics_are_cached_for_the_configured_time(client, settings, category, django_assert_num_queries):
    from django.core.cache import cache

    from tests.reports.factories import ReportFactory

    settings.STATISTICS_CACHE_SECONDS = 3600
    cache.clear()
    first = client.get("/api/v1/statistics/weekly", {"weeks": 1}).json()
    report = ReportFactory(product_category=category)
    from reports.models import Report

    last_week = timezone.now() - timedelta(days=7)
    Report.objects.filter(pk=report.pk).update(submitted_at=last_week)
    assert client.get("/api/v1/statistics/weekly", {"weeks": 1}).json() == first
    with django_assert_num_queries(0):  # every number of weeks is cut from the one cached computation
        assert len(client.get("/api/v1/statistics/weekly", {"weeks": 52}).json()["weeks"]) == 52
    settings.STATISTICS_CACHE_SECONDS = 0
    assert client.get("/api/v1/statistics/weekly", {"weeks": 1}).json()["weeks"] != first["weeks"]
    cache.clear()


@pytest.mark.parametrize("weeks", ["0", "53", "many"])
def test_statistics_refuse_a_bad_number_of_weeks(client, weeks):
    response = client.get("/api/v1/statistics/weekly", {"weeks": weeks})
    assert response.status_code == 400
    assert "weeks" in response.json()["errors"]
