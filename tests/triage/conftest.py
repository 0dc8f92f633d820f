import pytest

from reports.choices import Priority
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReporterContactFactory, ReportFactory


@pytest.fixture
def editor(db):
    return UserFactory(username="eddie", groups=["Editors"])


@pytest.fixture
def moderator(db):
    return UserFactory(username="mona", groups=["Moderators"])


@pytest.fixture
def chargers(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)


@pytest.fixture
def toys_free(db):
    return ProductCategoryFactory(name="Handbags", slug="handbags", health_and_safety=False)


@pytest.fixture
def report(db, toys_free):
    report = ReportFactory(
        product_category=toys_free,
        description="The handbag stitching fell apart and the logo is misspelled.",
        seller_name="Lux-Bags",
        listing_url="https://www.shop.example.com/lux/bag-1?ref=ad",
        order_number="A-100",
        parcel_tracking_number="9400 1111 2222 3333 4444 55",
        shipped_from_country="CN",
    )
    ReporterContactFactory(report=report, name="Ana Reporter", email="ana@example.com", phone="555-0100")
    report.refresh_from_db()
    return report


def make_report(category, **fields):
    return ReportFactory(product_category=category, **fields)


__all__ = ["Priority", "make_report"]


@pytest.fixture
def reports_index(settings, elasticsearch_url):
    """A fresh reports index on the real Elasticsearch for this test, deleted afterwards (tests.index_support)."""
    from tests.index_support import fresh_index

    yield from fresh_index(settings, elasticsearch_url, "reports")
