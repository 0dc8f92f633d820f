"""Surges on generated data where the answer is known: a seller whose reports jump from 2 a week to 12 is
found (with its category, marketplace, country and brand), with the numbers that explain it; flat data and
counts under the minimum raise nothing; the trends page shows the "Emerging" panel; Elasticsearch and the
database agree."""

import itertools
import random
from dataclasses import asdict
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Report
from tests.factories import ProductCategoryFactory
from tests.triage.conftest import make_report
from triage import surges
from triage.surges import compute_surges

pytestmark = pytest.mark.django_db


def place(reports, when):
    Report.objects.filter(pk__in=[report.pk for report in reports]).update(submitted_at=when)


def baseline_day(now, week, hours=0):
    """A moment in baseline week `week` (1: the week just before the last 7 days, 12: the earliest)."""
    return now - surges.WINDOW - timedelta(days=7 * (week - 1) + 3, hours=hours)


def with_history(now, category):
    """One old report, so the site has 12 full weeks of history before the last 7 days."""
    place([make_report(category, marketplace="", seller_name="Old shop")], now - timedelta(days=100))


def known_surge(now):
    chargers = ProductCategoryFactory(name="Chargers", slug="chargers-s")
    bags = ProductCategoryFactory(name="Handbags", slug="handbags-s")
    with_history(now, bags)
    numbers = itertools.count()

    def volt(count, when, brand):
        reports = [
            make_report(
                chargers, marketplace="amazon", seller_name="Volt-Shop", brand=brand, shipped_from_country="CN"
            )
            for _n in range(count)
        ]
        place(reports, when)

    def background(count, when, **fields):
        reports = [
            make_report(bags, marketplace="BargainMart", seller_name=f"Shop {next(numbers)}", **fields)
            for _n in range(count)
        ]
        place(reports, when)

    for week in range(1, 13):
        volt(2, baseline_day(now, week), brand="Voltix " if week % 2 else "voltix")
        background(3, baseline_day(now, week, hours=5), shipped_from_country="VN")
    volt(12, now - timedelta(days=2), brand=" VOLTIX")
    background(3, now - timedelta(days=1), shipped_from_country="VN")
    # Never seen before, but only 4: under the minimum, so no surge for this seller (or for Handbags: 7, about 3).
    tiny = [make_report(bags, marketplace="", seller_name="Tiny Traders") for _n in range(4)]
    place(tiny, now - timedelta(days=3))


def test_a_known_surge_is_found_with_the_numbers_that_explain_it():
    now = timezone.now()
    known_surge(now)
    result = compute_surges(now)
    assert result.source == "database" and result.weeks == 12
    found = {(surge.kind, surge.label): (surge.count, surge.baseline) for surge in result.surges}
    assert found == {
        ("category", "Chargers"): (12, 24),
        ("marketplace", "Amazon"): (12, 24),
        ("country", "China (CN)"): (12, 24),
        ("seller", "volt shop"): (12, 24),
        ("brand", "voltix"): (12, 24),
    }
    for surge in result.surges:
        assert surge.expected == 2
        assert surge.explanation == "12 reports in the last 7 days, about 2 expected"
        assert surge.p_value < surges.ALPHA


def test_nothing_rises_on_flat_data():
    """Four sellers at their usual rates (Poisson draws, seeded), 13 weeks: not one surge."""
    rng = random.Random(7)
    now = timezone.now()
    category = ProductCategoryFactory(name="Toys", slug="toys-s")
    with_history(now, category)
    rates = {"steady a": 6, "steady b": 8, "steady c": 5, "steady d": 7}

    def draw(rate):
        # Poisson by counting exponential gaps in one week.
        count, time = 0, rng.expovariate(rate)
        while time < 1:
            count, time = count + 1, time + rng.expovariate(rate)
        return count

    recent = {}
    for seller, rate in rates.items():
        for week in range(0, 13):
            count = draw(rate)
            when = now - timedelta(days=2) if week == 0 else baseline_day(now, week)
            place([make_report(category, seller_name=seller) for _n in range(count)], when)
            if week == 0:
                recent[seller] = count
    # Most sellers (and the category) are at or over the minimum this week, so they were tested.
    assert sum(count >= surges.MIN_COUNT for count in recent.values()) >= 3
    assert compute_surges(now).surges == []


def test_nothing_is_a_surge_under_the_minimum_count():
    now = timezone.now()
    category = ProductCategoryFactory(name="Toys", slug="toys-m")
    with_history(now, category)
    # Never reported before, 4 reports this week: 8 times the floor of the expected number, but only 4.
    place([make_report(category, seller_name="New Shop") for _n in range(4)], now - timedelta(days=1))
    assert compute_surges(now).surges == []
    # A fifth makes it one.
    place([make_report(category, seller_name="new shop")], now - timedelta(days=1))
    found = {(surge.kind, surge.label, surge.count) for surge in compute_surges(now).surges}
    assert ("seller", "new shop", 5) in found


def test_spam_and_duplicates_do_not_make_a_surge(officer):
    from triage import operations

    now = timezone.now()
    category = ProductCategoryFactory(name="Toys", slug="toys-x")
    with_history(now, category)
    spam = [make_report(category, seller_name="Spammy") for _n in range(8)]
    place(spam, now - timedelta(days=1))
    for report in spam:
        operations.change_status(report, "closed", user=officer, closed_reason="spam")
    assert compute_surges(now).surges == []


def test_a_new_site_has_no_baseline_and_no_surges():
    now = timezone.now()
    category = ProductCategoryFactory(name="Toys", slug="toys-n")
    place([make_report(category, seller_name="Only Shop") for _n in range(20)], now - timedelta(days=1))
    result = compute_surges(now)
    assert result.weeks == 0 and result.surges == []


def test_poisson_tail():
    assert surges.poisson_tail(12, 2) == pytest.approx(1.365e-6, rel=0.01)
    assert surges.poisson_tail(5, 1) == pytest.approx(0.00366, rel=0.01)
    assert surges.poisson_tail(1, 2) == 1.0


def test_the_trends_page_shows_the_emerging_panel(client, officer):
    known_surge(timezone.now())
    client.force_login(officer)
    text = client.get(reverse("triage-trends:index")).text
    assert 'id="emerging"' in text and "Emerging" in text
    assert "volt shop" in text and "12 reports in the last 7 days, about 2 expected" in text
    assert "compared with the 12 weeks before" in text


def test_the_emerging_panel_says_when_nothing_rises(client, officer):
    category = ProductCategoryFactory(name="Toys", slug="toys-p")
    with_history(timezone.now(), category)
    client.force_login(officer)
    assert "Nothing is rising unusually." in client.get(reverse("triage-trends:index")).text


def test_the_trends_page_with_its_panel_is_for_triage_staff_only(client, editor):
    client.force_login(editor)
    assert client.get(reverse("triage-trends:index")).status_code in (302, 403)


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_elasticsearch_finds_the_same_surges(reports_index):
    now = timezone.now()
    known_surge(now)
    reports_index.rebuild()
    from_es = compute_surges(now)
    assert from_es.source == "elasticsearch"
    since = now - surges.WINDOW
    counted = surges.counts_from_database(since, since - timedelta(weeks=12), now)
    from_db = surges.find_surges(counted, 12)
    assert [asdict(surge) for surge in from_es.surges] == [asdict(surge) for surge in from_db]
    assert len(from_db) == 5


@pytest.mark.django_db
def test_unreachable_elasticsearch_falls_back_to_the_database(settings):
    now = timezone.now()
    known_surge(now)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    result = compute_surges(now)
    assert result.source == "database" and len(result.surges) == 5


def test_the_more_values_there_are_the_stronger_a_surge_must_be():
    """7 reports where 1 is usual: a surge among a few sellers, a fluke to expect among 5,000 (Bonferroni)."""
    assert surges.judge("seller", "a", "a", count=7, baseline=12, weeks=12, tested=3) is not None
    assert surges.judge("seller", "a", "a", count=7, baseline=12, weeks=12, tested=5000) is None
    assert surges.judge("seller", "a", "a", count=12, baseline=12, weeks=12, tested=5000) is not None
