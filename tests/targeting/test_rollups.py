"""The entity page's rollups hold exactly what counting the entity's links gives: reports and reports of harm per
month (in the site's time zone, a report at 02:00 UTC on 1 March is February's in New York), and the categories,
marketplaces and countries; whether reports are linked one by one by the worker or in a batch by the backfill,
and linked twice. The page shows the rollup's numbers."""

import random
from datetime import UTC, datetime

import pytest
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from library.models import ProductCategory
from reports.models import Report
from targeting import profile
from targeting.kinds import EntityKind
from targeting.linking import link_report, link_reports, recount_entities
from targeting.models import Entity, EntityLink, EntityMonth
from tests.factories import ProductCategoryFactory
from tests.reports.factories import ReportFactory


def counted_months(entity):
    """Straight from the links (what the page counted before the rollup)."""
    with timezone.override(timezone.get_default_timezone()):
        rows = (
            EntityLink.objects.filter(entity=entity)
            .annotate(month=TruncMonth("submitted_at"))
            .values("month")
            .annotate(count=Count("id"), harm=Count("id", filter=Q(harm=True)))
            .order_by("month")
        )
        return [(row["month"].date(), row["count"], row["harm"]) for row in rows]


def counted(entity, column):
    return dict(EntityLink.objects.filter(entity=entity).values_list(column).annotate(count=Count("id")))


def shown(entity):
    breakdowns = profile.breakdowns(entity)
    return [dict(breakdown.rows) for breakdown in breakdowns]


def expected(entity):
    names = dict(ProductCategory.objects.values_list("pk", "name"))
    categories = {names[pk]: count for pk, count in counted(entity, "product_category").items()}
    marketplaces = {name or "Other or not known": count for name, count in counted(entity, "marketplace_name").items()}
    from reference.countries import country_name

    countries = {
        country_name(code) if code else "Not given": count
        for code, count in counted(entity, "shipped_from_country").items()
    }
    return [categories, marketplaces, countries]


def make_reports(count, seed=7):
    chance = random.Random(seed)
    categories = [ProductCategoryFactory(name=f"Category {n}", slug=f"category-{n}") for n in range(4)]
    moments = [
        datetime(2026, 3, 1, 2, 0, tzinfo=UTC),  # still February in New York
        datetime(2026, 3, 1, 6, 0, tzinfo=UTC),
        datetime(2026, 1, 31, 23, 30, tzinfo=UTC),
    ]
    reports = []
    for number in range(count):
        when = (
            moments[number]
            if number < len(moments)
            else datetime(2026, chance.randint(1, 9), chance.randint(1, 28), chance.randint(0, 23), tzinfo=UTC)
        )
        report = ReportFactory(
            product_category=chance.choice(categories),
            seller_name="Volt Deals",
            listing_url=f"https://volt.example/item/{number}",
            marketplace=chance.choice(["BargainMart", "ShopNow", ""]),
            shipped_from_country=chance.choice(["CN", "VN", ""]),
            harm=chance.random() < 0.3,
        )
        Report.objects.filter(pk=report.pk).update(submitted_at=when)
        reports.append(report.pk)
    return [Report.objects.select_related("contact").get(pk=pk) for pk in reports]


@pytest.mark.django_db
def test_linking_one_by_one_keeps_the_rollups_equal_to_the_counts():
    for report in make_reports(40):
        link_report(report)
        link_report(report)  # again: counted once
    seller = Entity.objects.get(kind=EntityKind.SELLER)
    assert profile.months(seller) == counted_months(seller)
    assert sum(count for _month, count, _harm in profile.months(seller)) == seller.report_count == 40
    assert (profile.months(seller)[0][0], profile.months(seller)[0][1]) == (
        counted_months(seller)[0][0],
        counted_months(seller)[0][1],
    )
    assert shown(seller) == expected(seller)
    feb = [row for row in profile.months(seller) if row[0] == datetime(2026, 2, 1).date()]
    assert feb and feb[0][1] >= 1  # the report at 02:00 UTC on 1 March


@pytest.mark.django_db
def test_the_backfill_and_the_recount_give_the_same_rollups():
    reports = make_reports(30)
    link_reports(reports[:15], recount=False)
    for report in reports[15:]:
        link_report(report)
    recount_entities()  # the backfill's end: rebuilt from the links
    for entity in Entity.objects.all():
        assert profile.months(entity) == counted_months(entity), entity
        assert shown(entity) == expected(entity), entity
    EntityMonth.objects.all().delete()
    recount_entities({Entity.objects.get(kind=EntityKind.SELLER).pk})
    seller = Entity.objects.get(kind=EntityKind.SELLER)
    assert profile.months(seller) == counted_months(seller)


@pytest.mark.django_db
def test_the_entity_page_shows_the_rollups_numbers(client, officer):
    for report in make_reports(12):
        link_report(report)
    seller = Entity.objects.get(kind=EntityKind.SELLER)
    client.force_login(officer)
    text = client.get(reverse("targeting-entities:detail", args=[seller.pk])).text
    for month, count, harm in counted_months(seller):
        assert f'<th scope="row">{month:%Y-%m}</th><td>{count}</td><td>{harm}</td>' in text
