"""Public statistics counted by one GROUP BY in the database, on the stored marketplace name, and the backfill
that fills that name in batches for reports saved before it existed."""

import random
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from reference.marketplaces import known_marketplace
from reports.choices import ClosedReason, Status
from reports.marketplace_backfill import backfill
from reports.models import Report
from reports.statistics import complete_weeks, count_weeks, weekly_statistics
from tests.database_refusal import drop_trigger, trigger_on
from tests.factories import ProductCategoryFactory
from tests.reports.factories import ReportFactory

TODAY = date(2026, 3, 18)
TYPED = ["amazon", "Amazon.com", " E-Bay ", "Temu", "my cousin's stall", "", "FB Marketplace"]
URLS = ["", "https://www.amazon.com/dp/B01", "https://m.ebay.com/itm/2", "https://shop.example/x", "http://[broken"]
COUNTRIES = ["CN", "HK", "VN", "", "ZZ"]


def generate(count=240, seed=7):
    """Seeded reports over the last eight weeks (and a few outside), some closed as spam or duplicate."""
    rng = random.Random(seed)
    categories = [ProductCategoryFactory(name=name, slug=name.lower()) for name in ("Chargers", "Toys", "Watches")]
    zone = ZoneInfo(settings.TIME_ZONE)
    this_monday = TODAY - timedelta(days=TODAY.weekday())
    made = []
    for _n in range(count):
        day = this_monday - timedelta(days=rng.randrange(-3, 63))
        moment = timezone.make_aware(datetime.combine(day, time(rng.randrange(24), rng.randrange(60))), zone)
        status, reason = rng.choice(
            [(Status.NEW, ""), (Status.CLOSED, ClosedReason.SPAM), (Status.CLOSED, ClosedReason.DUPLICATE)]
            + [(Status.CLOSED, ClosedReason.ACTIONED), (Status.IN_REVIEW, "")]
        )
        report = ReportFactory(
            product_category=rng.choice(categories),
            marketplace=rng.choice(TYPED),
            listing_url=rng.choice(URLS),
            shipped_from_country=rng.choice(COUNTRIES),
            status=status,
            closed_reason=reason,
        )
        made.append((report, moment))
    for report, moment in made:
        Report.objects.filter(pk=report.pk).update(submitted_at=moment)
    return [(report, moment) for report, moment in made]


def expected_counts(made, mondays):
    """Counted the slow, obvious way: one report at a time, in Python."""
    zone = ZoneInfo(settings.TIME_ZONE)
    counts = {
        monday: {"total": 0, "category": Counter(), "marketplace": Counter(), "country": Counter()}
        for monday in mondays
    }
    for report, moment in made:
        if report.status == Status.CLOSED and report.closed_reason in (ClosedReason.SPAM, ClosedReason.DUPLICATE):
            continue
        local = moment.astimezone(zone).date()
        monday = local - timedelta(days=local.weekday())
        if monday not in counts:
            continue
        week = counts[monday]
        week["total"] += 1
        week["category"][report.product_category.slug] += 1
        week["marketplace"][known_marketplace(report.marketplace, report.listing_url) or "Other"] += 1
        week["country"][
            report.shipped_from_country if report.shipped_from_country in ("CN", "HK", "VN") else "unknown"
        ] += 1
    return counts


@pytest.mark.django_db
def test_the_grouped_counts_match_counting_each_report(django_assert_max_num_queries):
    made = generate()
    mondays = complete_weeks(8, TODAY)
    with django_assert_max_num_queries(2):
        counted = count_weeks(mondays)
    expected = expected_counts(made, mondays)
    assert sum(week["total"] for week in expected.values()) > 100
    for monday in mondays:
        got, want = counted[monday], expected[monday]
        assert got["total"] == want["total"]
        assert {value: n for (value, _label), n in got["by_category"].items()} == dict(want["category"])
        assert {label: n for (_value, label), n in got["by_marketplace"].items()} == dict(want["marketplace"])
        assert {value: n for (value, _label), n in got["by_shipped_from_country"].items()} == dict(want["country"])
    # And the published totals are the same numbers (a week total is never suppressed at these sizes).
    published = weekly_statistics(8, today=TODAY)["weeks"]
    assert [week["total"] for week in published] == [expected[monday]["total"] for monday in mondays]


@pytest.mark.django_db
def test_every_save_stores_the_marketplace_name(chargers_category):
    report = ReportFactory(
        product_category=chargers_category, marketplace="my shop", listing_url="https://m.ebay.com/1"
    )
    assert Report.objects.get(pk=report.pk).marketplace_name == "eBay"
    report.listing_url = "https://shop.example/1"
    report.marketplace = "Amazon.com"
    report.save(update_fields=["listing_url", "marketplace"])
    assert Report.objects.get(pk=report.pk).marketplace_name == "Amazon"


@pytest.fixture
def chargers_category(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backfill_fills_old_reports_in_batches_with_progress(chargers_category, capsys):
    reports = [
        ReportFactory(product_category=chargers_category, marketplace=typed, listing_url=url)
        for typed in TYPED
        for url in URLS[:3]
    ]
    # As if saved before the column existed (or before the marketplace list changed).
    Report.objects.update(marketplace_name="")
    Report.objects.filter(pk=reports[0].pk).update(marketplace_name="Wish")

    calls = []
    done, changed = backfill(Report, batch_size=5, progress=lambda *args: calls.append(args))

    assert done == len(reports) == 21
    assert [call[0] for call in calls] == [5, 10, 15, 20, 21]  # one progress line per batch of 5
    assert all(call[1] == 21 for call in calls)
    for report in reports:
        stored = Report.objects.get(pk=report.pk).marketplace_name
        assert stored == (known_marketplace(report.marketplace, report.listing_url) or "")
    expected_changes = sum(1 for report in reports if known_marketplace(report.marketplace, report.listing_url))
    assert changed == expected_changes + (
        0 if known_marketplace(reports[0].marketplace, reports[0].listing_url) else 1
    )
    # A second run finds nothing to change; the command says so, with a line per batch.
    assert backfill(Report, batch_size=5) == (21, 0)
    call_command("backfill_marketplace_names", "--batch-size", "10")
    out = capsys.readouterr().out
    assert "10/21 reports read" in out and "21/21 reports read" in out and "0 changed." in out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_batch_keeps_the_batches_before_it(chargers_category):
    """Each batch commits on its own: when one fails, the ones before it stay written."""
    reports = [ReportFactory(product_category=chargers_category, marketplace="amazon") for _n in range(6)]
    Report.objects.update(marketplace_name="")
    blocked = reports[4].pk
    trigger_on(blocked)
    try:
        with pytest.raises(Exception, match="blocked for the test"):
            backfill(Report, batch_size=2)
    finally:
        drop_trigger()
    stored = dict(Report.objects.values_list("pk", "marketplace_name"))
    assert [stored[report.pk] for report in reports] == ["Amazon"] * 4 + [""] * 2
