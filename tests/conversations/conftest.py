import pytest
from django.urls import reverse

from tests.factories import ProductCategoryFactory
from tests.reports.factories import RECEIPT_KEY, ReporterContactFactory, ReportFactory


@pytest.fixture
def report(db):
    category = ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)
    report = ReportFactory(
        product_category=category,
        brand="SecretBrand",
        description="The charger melted the socket and smelled of burning plastic.",
        status="in_review",
    )
    ReporterContactFactory(report=report, name="Ana Reporter", email="ana.reporter@example.com", phone="555-0100")
    report.refresh_from_db()
    return report


@pytest.fixture
def anonymous_report(db):
    category = ProductCategoryFactory(name="Toys", slug="toys")
    return ReportFactory(product_category=category, anonymous=True, description="A toy with loose small parts.")


def action_url(name, report):
    return reverse(f"triage:{name}", args=[report.pk])


def signed_in_to_status(client, report, key=RECEIPT_KEY):
    """Look the report up on the status page, as a reporter does: this browser session may then see it."""
    response = client.post("/report/status/", {"tracking_number": report.tracking_number, "receipt_key": key})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]
