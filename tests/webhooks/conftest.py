import pytest
from django.urls import reverse

from partners.models import Partner
from tests.factories import ProductCategoryFactory, UserFactory
from tests.portal.conftest import portal_client, portal_member  # noqa: F401 - the portal's member fixtures
from tests.reports.factories import ReporterContactFactory, ReportFactory
from tests.webhooks.receiver import Receiver
from triage import operations
from webhooks.endpoints import create_endpoint


@pytest.fixture
def officer(db):
    return UserFactory(username="olivia", groups=["Triage officers"])


@pytest.fixture
def market_a(db):
    return Partner.objects.create(name="BargainMart", domains="bargainmart.example.com")


@pytest.fixture
def market_b(db):
    return Partner.objects.create(name="ShopCircle", domains="shopcircle.example")


@pytest.fixture
def admin(portal_member):  # noqa: F811 - the fixture imported above
    """An administrator of a marketplace organisation in the portal."""
    return portal_member(kind="marketplace", role="admin")


def portal_url(name, **kwargs):
    return reverse(f"portal:webhooks_portal:{name}", kwargs=kwargs)


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


def endpoint_for(organisation, url):
    """(endpoint, secret) as the portal makes them."""
    return create_endpoint(organisation=organisation, url=url, description="Takedown queue")


def a_report(listing_url="https://bargainmart.example.com/item/77"):
    """A report with everything a partner must never get in a webhook: contact details, description, order."""
    report = ReportFactory(
        product_category=ProductCategoryFactory(),
        description="Charger overheated and melted the plug.",
        seller_name="volt-deals",
        listing_url=listing_url,
        order_number="ORDER-SECRET-1",
    )
    ReporterContactFactory(report=report, name="Ana Reporter", email="ana@example.com", phone="555-0100")
    return report


def refer_to(organisation, officer, capture, report=None):
    """Refer a report to `organisation` and run what the commit sets off (the worker, immediate in tests)."""
    with capture(execute=True):
        return operations.refer(
            agency="marketplace",
            note="For the agency only.",
            partner_note="Please check this listing.",
            user=officer,
            report=report or a_report(),
            recipient=organisation,
        )
