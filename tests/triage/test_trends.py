"""Report trends: the page, the CSV, and the same numbers from the database and from Elasticsearch."""

import csv
import io
from dataclasses import asdict
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Report
from tests.factories import ProductCategoryFactory
from tests.triage.conftest import make_report
from triage import operations, trends
from triage.models import TriageState


def build_reports(officer):
    chargers = ProductCategoryFactory(name="Chargers", slug="chargers-t", health_and_safety=True)
    bags = ProductCategoryFactory(name="Handbags", slug="handbags-t")
    now = timezone.now()
    specs = [
        (chargers, "amazon", "CN", "Volt-Shop", "https://bargainmart.example.com/a", 1),
        (chargers, "Amazon.com", "CN", "volt-shop", "https://bargainmart.example.com/b", 1),
        (chargers, "my cousin", "HK", "Volt-Shop", "https://m.ebay.com/c", 8),
        (bags, " E-Bay ", "CN", "Lux", "https://volt.example/d", 8),
        (bags, "", "", "", "", 15),
        (bags, "Amazon", "VN", "Lux", "", 200),  # outside a 12-week range
    ]
    reports = []
    for category, marketplace, country, seller, url, days in specs:
        report = make_report(
            category, marketplace=marketplace, shipped_from_country=country, seller_name=seller, listing_url=url
        )
        Report.objects.filter(pk=report.pk).update(submitted_at=now - timedelta(days=days))
        reports.append(report)
    for report, hours in ((reports[0], 5), (reports[2], 30), (reports[3], 2)):
        report.refresh_from_db()
        operations.add_note(report, "seen", user=officer)
        TriageState.objects.filter(report_id=report.pk).update(
            first_action_at=report.submitted_at + timedelta(hours=hours)
        )
    return reports


@pytest.mark.django_db
def test_database_trends(officer):
    build_reports(officer)
    result = trends.from_database(trends.start_of_range(12))
    assert result.total == 5
    assert sum(count for _week, count in result.per_week) == 5
    assert result.by_category == [("Chargers", 3), ("Handbags", 2)]
    # The big marketplaces by name, however they were typed; never what a reporter typed.
    assert result.by_marketplace == [("Amazon", 2), ("eBay", 2)]
    assert result.by_country == [("CN", 3), ("HK", 1)]
    assert result.top_sellers == [("volt shop", 3), ("lux", 1)]
    assert result.top_domains == [("bargainmart.example.com", 2), ("m.ebay.com", 1), ("volt.example", 1)]
    assert result.median_hours_to_first_triage == 5.0


@pytest.mark.django_db
def test_trends_page_and_csv(client, officer):
    build_reports(officer)
    client.force_login(officer)
    response = client.get(reverse("triage-trends:index"))
    assert response.status_code == 200
    text = response.text
    assert "Reports per week" in text and "Most reported sellers" in text and "volt shop" in text
    assert "<table" in text and "from the database" in text
    response = client.get(reverse("triage-trends:index"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["chart", "label", "count"]
    assert ["by_category", "Chargers", "3"] in rows and ["total", "", "5"] in rows


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_elasticsearch_gives_the_same_numbers(reports_index, officer, client):
    build_reports(officer)
    reports_index.rebuild()
    since = trends.start_of_range(12)
    from_es = trends.from_elasticsearch(since)
    from_db = trends.from_database(since)
    assert from_es.source == "elasticsearch"
    es, db = asdict(from_es), asdict(from_db)
    es.pop("source"), db.pop("source")
    assert es == db
    client.force_login(officer)
    assert "from the search index" in client.get(reverse("triage-trends:index")).text


@pytest.mark.django_db
def test_unreachable_elasticsearch_falls_back_to_the_database(officer, settings):
    build_reports(officer)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    result = trends.compute_trends(12)
    assert result.source == "database" and result.total == 5


def generate_reports(officer, count=150, seed=11):
    """Seeded reports over the last 16 weeks: marketplaces typed many ways, sellers, domains, first actions."""
    import random

    rng = random.Random(seed)
    categories = [ProductCategoryFactory(name=f"Category {n}", slug=f"category-{n}") for n in range(4)]
    typed = ["amazon", "Amazon.com", " E-Bay ", "Temu", "my cousin's stall", "", "FB Marketplace", "walmart"]
    urls = [
        "",
        "https://www.amazon.com/dp/B01",
        "https://m.ebay.com/itm/2",
        "https://shop-a.example/x",
        "https://b.example/",
    ]
    now = timezone.now()
    for _n in range(count):
        report = make_report(
            rng.choice(categories),
            marketplace=rng.choice(typed),
            listing_url=rng.choice(urls),
            shipped_from_country=rng.choice(["CN", "HK", "VN", "", "TR"]),
            seller_name=rng.choice(["Volt-Shop", "volt shop", "Lux", "Best Deals", ""]),
        )
        submitted = now - timedelta(minutes=rng.randrange(60 * 24 * 7 * 16))
        Report.objects.filter(pk=report.pk).update(submitted_at=submitted)
        if rng.random() < 0.4:
            TriageState.objects.update_or_create(
                report_id=report.pk,
                defaults={"first_action_at": submitted + timedelta(minutes=rng.randrange(60 * 24 * 10))},
            )


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_elasticsearch_and_the_database_agree_on_generated_reports(reports_index, officer):
    generate_reports(officer)
    reports_index.rebuild()
    for weeks in (4, 12):
        since = trends.start_of_range(weeks)
        es, db = asdict(trends.from_elasticsearch(since)), asdict(trends.from_database(since))
        assert es.pop("source") == "elasticsearch" and db.pop("source") == "database"
        assert db["total"] > 20 and db["by_marketplace"] and db["top_sellers"]
        assert es == db
    # The marketplaces are the big ones by name, never what a reporter typed.
    labels = {label for label, _count in db["by_marketplace"]}
    assert labels <= {"Amazon", "eBay", "Temu", "Facebook Marketplace", "Walmart"}
