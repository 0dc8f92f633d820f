import pytest

from partners import keys
from partners.models import Partner, Scope
from tests.factories import ProductCategoryFactory
from tests.reports.factories import ReporterContactFactory, ReportFactory
from triage import operations

ALL_SCOPES = Scope.values


@pytest.fixture
def category(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)


@pytest.fixture
def market_a(db):
    return Partner.objects.create(name="BargainMart", domains="bargainmart.example.com")


@pytest.fixture
def market_b(db):
    return Partner.objects.create(name="ShopCircle", domains="shopcircle.example")


def new_key(partner, scopes=ALL_SCOPES, **kwargs):
    return keys.create_key(partner=partner, name="sync", scopes=scopes, **kwargs)


@pytest.fixture
def key_a(market_a):
    return new_key(market_a)[1]


@pytest.fixture
def key_b(market_b):
    return new_key(market_b)[1]


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def reported(category, **fields):
    """A report with the reporter's contact details, order number and parcel number."""
    values = {
        "description": "Charger overheated and melted the plug.",
        "seller_name": "volt-deals",
        "listing_url": "https://bargainmart.example.com/item/77",
        "order_number": "ORDER-SECRET-1",
        "parcel_tracking_number": "PARCEL-SECRET-9",
        "harm_description": "My hand was burned.",
        **fields,
    }
    report = ReportFactory(product_category=category, **values)
    ReporterContactFactory(report=report, name="Ana Reporter", email="ana@example.com", phone="555-0100")
    return report


@pytest.fixture
def referral_to_a(category, officer, market_a):
    report = reported(category)
    return operations.refer(
        agency="marketplace",
        note="For the agency only.",
        partner_note="Please check this listing.",
        user=officer,
        report=report,
        recipient=market_a,
    )


@pytest.fixture
def referral_to_b(category, officer, market_b):
    report = reported(category, listing_url="https://shopcircle.example/p/5")
    return operations.refer(
        agency="marketplace", partner_note="For ShopCircle.", note="", user=officer, report=report, recipient=market_b
    )
