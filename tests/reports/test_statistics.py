"""Public weekly statistics: which reports count, which weeks are published, and the de-identification rules."""

import csv
import io
import json
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from reports.choices import ClosedReason, Status
from reports.models import Report
from reports.statistics import deidentify, statistics_csv, weekly_statistics
from tests.factories import ProductCategoryFactory
from tests.reports.factories import ReporterContactFactory, ReportFactory

TODAY = date(2026, 3, 18)  # a Wednesday
WEEK_1 = date(2026, 3, 2)  # US daylight saving time starts on its Sunday
WEEK_2 = date(2026, 3, 9)
THIS_WEEK = date(2026, 3, 16)


@pytest.fixture
def chargers(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers")


@pytest.fixture
def bags(db):
    return ProductCategoryFactory(name="Handbags", slug="handbags")


@pytest.fixture
def toys(db):
    return ProductCategoryFactory(name="Toys", slug="toys")


def submit(day, category, count=1, at=time(12), **fields):
    """`count` reports submitted on `day` at local time `at` (the site's time zone)."""
    reports = ReportFactory.create_batch(count, product_category=category, **fields)
    moment = timezone.make_aware(datetime.combine(day, at), ZoneInfo(settings.TIME_ZONE))
    Report.objects.filter(pk__in=[report.pk for report in reports]).update(submitted_at=moment)
    return reports


def week_of(data, monday):
    (week,) = [week for week in data["weeks"] if week["week_start"] == monday.isoformat()]
    return week


def cells(rows):
    """[(value, count)], with "hidden" for a suppressed count."""
    return [(row["value"], "hidden" if row["suppressed"] else row["count"]) for row in rows]


def everything_published(data):
    """The JSON and the CSV, lowercased, to search for things that must never be there."""
    return (json.dumps(data) + statistics_csv(data)).lower()


# Which weeks and which reports


@pytest.mark.django_db
def test_only_complete_weeks_are_published_oldest_first(chargers):
    submit(WEEK_1, chargers, count=5)
    submit(THIS_WEEK, chargers, count=6)
    submit(TODAY, chargers, count=7)

    data = weekly_statistics(weeks=3, today=TODAY)

    assert [(week["week_start"], week["week_end"], week["total"]) for week in data["weeks"]] == [
        ("2026-02-23", "2026-03-01", 0),
        ("2026-03-02", "2026-03-08", 5),
        ("2026-03-09", "2026-03-15", 0),
    ]
    assert data["suppression_threshold"] == 5
    assert datetime.fromisoformat(data["generated_at"]).tzinfo is not None
    assert "spam" in data["notes"] and "<5" in data["notes"]
    # On the Monday itself, that week is still not complete.
    assert weekly_statistics(weeks=3, today=THIS_WEEK)["weeks"] == data["weeks"]


@pytest.mark.django_db
def test_weeks_run_monday_to_sunday_in_the_site_time_zone(chargers):
    submit(WEEK_1 + timedelta(days=6), chargers, count=5, at=time(23, 30))  # Sunday night: Monday in UTC
    submit(WEEK_2, chargers, count=6, at=time(0, 0))
    submit(WEEK_2 + timedelta(days=6), chargers, count=1, at=time(23, 59))
    submit(THIS_WEEK, chargers, count=5, at=time(0, 0))

    data = weekly_statistics(weeks=2, today=TODAY)

    assert [week["total"] for week in data["weeks"]] == [5, 7]


@pytest.mark.django_db
def test_counts_per_week_and_value(chargers, bags):
    submit(WEEK_1, chargers, count=6, listing_url="https://www.amazon.com/dp/B0001", shipped_from_country="CN")
    submit(WEEK_1, bags, count=5, marketplace="ebay", shipped_from_country="")
    submit(WEEK_2, chargers, count=7, marketplace="Temu", shipped_from_country="HK")

    data = weekly_statistics(weeks=2, today=TODAY)

    first, second = data["weeks"]
    assert (first["total"], first["total_suppressed"]) == (11, False)
    assert first["by_category"] == [
        {"value": "chargers", "label": "Chargers", "count": 6, "suppressed": False},
        {"value": "handbags", "label": "Handbags", "count": 5, "suppressed": False},
    ]
    assert [(row["label"], row["count"]) for row in first["by_marketplace"]] == [("Amazon", 6), ("eBay", 5)]
    assert first["by_shipped_from_country"] == [
        {"value": "CN", "label": "China", "count": 6, "suppressed": False},
        {"value": "unknown", "label": "Not given", "count": 5, "suppressed": False},
    ]
    assert second["total"] == 7
    assert cells(second["by_category"]) == [("chargers", 7)]
    assert [(row["label"], row["count"]) for row in second["by_marketplace"]] == [("Temu", 7)]
    assert cells(second["by_shipped_from_country"]) == [("HK", 7)]


@pytest.mark.django_db
def test_reports_closed_as_spam_or_duplicate_are_not_counted(chargers):
    submit(WEEK_1, chargers, count=6)
    submit(WEEK_1, chargers, count=3, status=Status.CLOSED, closed_reason=ClosedReason.SPAM)
    submit(WEEK_1, chargers, count=2, status=Status.CLOSED, closed_reason=ClosedReason.DUPLICATE)
    submit(WEEK_1, chargers, count=4, status=Status.CLOSED, closed_reason=ClosedReason.ACTIONED)

    week = weekly_statistics(weeks=1, today=WEEK_2)["weeks"][0]

    assert week["total"] == 10
    assert cells(week["by_category"]) == [("chargers", 10)]


@pytest.mark.django_db
def test_a_handful_of_queries_whatever_the_number_of_reports(chargers, bags, django_assert_max_num_queries):
    for day in range(14):
        submit(WEEK_1 + timedelta(days=day), chargers if day % 2 else bags, count=3, marketplace=f"Shop {day}")

    with django_assert_max_num_queries(4):
        data = weekly_statistics(weeks=2, today=TODAY)

    assert [week["total"] for week in data["weeks"]] == [21, 21]


# De-identification


@pytest.mark.django_db
def test_values_under_five_are_merged_into_other(chargers, bags, toys):
    submit(WEEK_1, chargers, count=6)
    submit(WEEK_1, bags, count=3)
    submit(WEEK_1, toys, count=2)

    week = weekly_statistics(weeks=1, today=WEEK_2)["weeks"][0]

    assert week["total"] == 11
    assert week["by_category"] == [
        {"value": "chargers", "label": "Chargers", "count": 6, "suppressed": False},
        {"value": "other", "label": "Other", "count": 5, "suppressed": False},
    ]


@pytest.mark.django_db
def test_a_small_other_takes_in_the_smallest_named_row(chargers, bags, toys):
    submit(WEEK_1, chargers, count=9)
    submit(WEEK_1, bags, count=6)
    submit(WEEK_1, toys, count=2)

    week = weekly_statistics(weeks=1, today=WEEK_2)["weeks"][0]

    assert week["total"] == 17
    assert week["by_category"] == [
        {"value": "chargers", "label": "Chargers", "count": 9, "suppressed": False},
        {"value": "other", "label": "Other", "count": 8, "suppressed": False},
    ]


def test_other_grows_until_it_holds_five():
    # Other 1 takes Handbags (5): 6.
    rows = deidentify({("chargers", "Chargers"): 9, ("handbags", "Handbags"): 5, ("toys", "Toys"): 1})
    assert cells(rows) == [("chargers", 9), ("other", 6)]
    # Ties: one of the two 5s joins Other; which one is not shown, and both look alike.
    rows = deidentify({("a", "A"): 5, ("b", "B"): 5, ("c", "C"): 2})
    assert [count for _value, count in cells(rows)] == [5, 7]
    # Other already 5 or more: nothing moves.
    rows = deidentify({("chargers", "Chargers"): 20, ("handbags", "Handbags"): 5, ("toys", "Toys"): 4, ("x", "X"): 1})
    assert cells(rows) == [("chargers", 20), ("handbags", 5), ("other", 5)]
    # A breakdown of 5 + 1 is one "Other" row of 6.
    assert cells(deidentify({("chargers", "Chargers"): 5, ("toys", "Toys"): 1})) == [("other", 6)]
    assert deidentify({}) == []


@pytest.mark.django_db
def test_a_week_total_under_five_hides_every_number(chargers, bags):
    submit(WEEK_1, chargers, count=2, listing_url="https://www.amazon.com/dp/B0001", shipped_from_country="CN")
    submit(WEEK_1, bags, count=1, shipped_from_country="VN")
    submit(WEEK_2, chargers, count=5)

    data = weekly_statistics(weeks=2, today=TODAY)
    week = week_of(data, WEEK_1)

    assert (week["total"], week["total_suppressed"]) == (None, True)
    hidden_other = [{"value": "other", "label": "Other", "count": None, "suppressed": True}]
    assert week["by_category"] == week["by_marketplace"] == week["by_shipped_from_country"] == hidden_other
    assert week_of(data, WEEK_2)["total"] == 5
    rows = [row for row in csv.reader(io.StringIO(statistics_csv(data))) if row[0] == "2026-03-02"]
    assert rows == [
        ["2026-03-02", "2026-03-08", "total", "", "", "<5"],
        ["2026-03-02", "2026-03-08", "category", "other", "Other", "<5"],
        ["2026-03-02", "2026-03-08", "marketplace", "other", "Other", "<5"],
        ["2026-03-02", "2026-03-08", "shipped_from_country", "other", "Other", "<5"],
    ]


@pytest.mark.django_db
def test_what_reporters_typed_as_marketplace_is_never_published(chargers):
    submit(
        WEEK_1,
        chargers,
        count=6,
        marketplace="John Smith's shop",
        listing_url="https://john-smiths-shop.example/listing/1",
    )
    submit(WEEK_1, chargers, count=5, marketplace="my cousin's stall", listing_url="https://www.amazon.com/dp/B01")
    submit(WEEK_1, chargers, count=5, marketplace=" E-Bay ")
    submit(WEEK_1, chargers, count=2, marketplace="Mary Jones on Instagram")

    data = weekly_statistics(weeks=1, today=WEEK_2)

    assert cells(data["weeks"][0]["by_marketplace"]) == [("amazon", 5), ("ebay", 5), ("other", 8)]
    published = everything_published(data)
    for typed in ("john", "smith", "cousin", "stall", "mary", "jones", "instagram", "e-bay"):
        assert typed not in published


@pytest.mark.django_db
def test_no_reporter_contact_or_tracking_data_is_published(chargers):
    reports = submit(
        WEEK_1,
        chargers,
        count=6,
        brand="Voltacorp",
        product_name="Superfast charger",
        description="It caught fire in my kitchen on Elm Street.",
        seller_name="best-deals-4u",
        order_number="BM-99887766",
        carrier="Speedy Parcels",
        parcel_tracking_number="9400 1000 0000 0000 0000 00",
        listing_url="https://bargainmart.example.com/item/123",
        marketplace="BargainMart",
    )
    for report in reports:
        ReporterContactFactory(report=report, name="Ana Reporter", email="ana@example.com", phone="555-0100")

    data = weekly_statistics(weeks=1, today=WEEK_2)

    assert data["weeks"][0]["total"] == 6
    published = everything_published(data)
    secrets = ["ana reporter", "ana@example.com", "555-0100", "voltacorp", "superfast", "elm street"]
    secrets += ["best-deals", "bm-99887766", "speedy", "9400 1000", "bargainmart"]
    secrets += [report.tracking_number.lower() for report in reports]
    secrets += [report.receipt_key_hash.lower() for report in reports]
    assert [secret for secret in secrets if secret in published] == []


@pytest.mark.django_db
def test_countries_are_iso_codes_with_english_names(chargers):
    submit(WEEK_1, chargers, count=8, shipped_from_country="CN")
    submit(WEEK_1, chargers, count=4, shipped_from_country="")
    submit(WEEK_1, chargers, count=2, shipped_from_country="ZZ")  # not a country: counts as not given

    week = weekly_statistics(weeks=1, today=WEEK_2)["weeks"][0]

    assert week["by_shipped_from_country"] == [
        {"value": "CN", "label": "China", "count": 8, "suppressed": False},
        {"value": "unknown", "label": "Not given", "count": 6, "suppressed": False},
    ]


# The CSV


def test_csv_is_tidy_and_writes_hidden_counts_as_less_than_five():
    row = {"value": "chargers", "label": "Chargers, USB", "count": 9, "suppressed": False}
    hidden = {"value": "other", "label": "Other", "count": None, "suppressed": True}
    data = {
        "weeks": [
            {
                "week_start": "2026-03-02",
                "week_end": "2026-03-08",
                "total": 12,
                "total_suppressed": False,
                "by_category": [row, hidden],
                "by_marketplace": [],
                "by_shipped_from_country": [{**row, "value": "CN", "label": "China", "count": 12}],
            }
        ]
    }

    lines = list(csv.reader(io.StringIO(statistics_csv(data))))

    assert lines == [
        ["week_start", "week_end", "dimension", "value", "label", "count"],
        ["2026-03-02", "2026-03-08", "total", "", "", "12"],
        ["2026-03-02", "2026-03-08", "category", "chargers", "Chargers, USB", "9"],
        ["2026-03-02", "2026-03-08", "category", "other", "Other", "<5"],
        ["2026-03-02", "2026-03-08", "shipped_from_country", "CN", "China", "12"],
    ]


# Properties: whatever the data, no small number can be read or worked out


def assert_safe(rows, total):
    """Every published number is 5 or more, nothing is hidden unless the whole week is under 5, the rows add up
    to the total (so there is nothing to subtract), and 'Other' always holds at least two values' reports."""
    assert [row["value"] for row in rows].count("other") <= 1
    if 0 < total < 5:
        assert rows == [{"value": "other", "label": "Other", "count": None, "suppressed": True}]
        return
    assert not any(row["suppressed"] for row in rows), rows
    assert all(row["count"] >= 5 for row in rows), rows
    assert sum(row["count"] for row in rows) == total


@hypothesis_settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh") | st.just("other"), st.integers(1, 30), max_size=9))
def test_deidentify_never_shows_or_gives_away_a_small_count(raw):
    counts = {(value, value.upper()): n for value, n in raw.items()}
    rows = deidentify(counts)
    assert_safe(rows, sum(raw.values()))
    # Named rows keep their true count; 'Other' mixes at least two values (it is never one value in disguise).
    for row in rows:
        if row["value"] != "other":
            assert row["count"] == raw[row["value"]] >= 5
    other = [row for row in rows if row["value"] == "other" and not row["suppressed"]]
    if other:
        hidden_values = [value for value in raw if value not in {row["value"] for row in rows} or value == "other"]
        assert len(hidden_values) >= 2 or raw.get("other", 0) >= 5, (raw, rows)


@pytest.mark.django_db
def test_random_weeks_are_all_safe(chargers, bags, toys):
    rng = random.Random(20260318)
    categories = [chargers, bags, toys, ProductCategoryFactory(), ProductCategoryFactory()]
    typed = ["Amazon", "ebay", "Temu", "John Smith's shop", "etsy.com", "", "SHEIN", "a stall at the market"]
    countries = ["CN", "CN", "HK", "VN", "US", "TR", "", ""]
    expected = {}
    for monday in (WEEK_1, WEEK_2):
        for _ in range(rng.randint(0, 40)):
            closed = rng.random() < 0.15
            submit(
                monday + timedelta(days=rng.randint(0, 6)),
                rng.choice(categories),
                marketplace=rng.choice(typed),
                shipped_from_country=rng.choice(countries),
                status=Status.CLOSED if closed else Status.NEW,
                closed_reason=rng.choice([ClosedReason.SPAM, ClosedReason.DUPLICATE]) if closed else "",
            )
            expected[monday] = expected.get(monday, 0) + (not closed)

    data = weekly_statistics(weeks=2, today=TODAY)

    for week in data["weeks"]:
        total = expected.get(date.fromisoformat(week["week_start"]), 0)
        assert week["total"] == (None if 0 < total < 5 else total)
        for dimension in ("by_category", "by_marketplace", "by_shipped_from_country"):
            assert_safe(week[dimension], total)
    assert "john" not in everything_published(data) and "stall" not in everything_published(data)
    for line in list(csv.DictReader(io.StringIO(statistics_csv(data)))):
        assert line["count"] == "<5" or int(line["count"]) == 0 or int(line["count"]) >= 5
