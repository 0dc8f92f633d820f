"""The /api/v1/ contract, checked by schemathesis against the OpenAPI schema the API publishes.

Schemathesis generates requests from the schema (valid ones and deliberately broken ones), sends them to the
real Django application in this process (real database, every middleware), and checks each answer: never a
500, only documented status codes and content types, bodies that match the documented schemas, and bad
input refused. Examples are derandomised so a failure in CI can be reproduced locally.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.factories import ArticlePageFactory, ProductCategoryFactory, TopicFactory
from tests.importers.conftest import ImporterFactory
from tests.partners.conftest import ALL_SCOPES, new_key, reported
from triage import operations

EXAMPLES = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes the database connection after each request, which would end the test's
    transaction; Django's test client stops it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def partner_key(keep_test_connection, db, site_tree, settings):
    """Some of everything, so generated requests find data: articles, importers, a referral, a partner key."""
    from partners.models import Partner
    from tests.factories import UserFactory

    settings.REPORT_RATE_LIMITS = {scope: (100_000, 60) for scope in settings.REPORT_RATE_LIMITS}
    topic = TopicFactory(name="Chargers", slug="chargers")
    ArticlePageFactory(parent=site_tree["en"][1], title="Spot a fake charger", topics=[topic])
    ImporterFactory(legal_name="Volta Imports LLC", domains=["volta-imports.example"])
    category = ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)
    partner = Partner.objects.create(name="BargainMart", domains="bargainmart.example.com")
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    operations.refer(agency="marketplace", note="", user=officer, report=reported(category), recipient=partner)
    return new_key(partner, scopes=ALL_SCOPES)[1]


def published_schema():
    from website.api import api

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema())
    loaded.app = WSGIHandler()
    return loaded


schema = published_schema()


# Routes where a request can match the schema and still be refused because of what is in the database
# (a product category or topic that does not exist, a tracking number nobody has, an address that does not
# parse). For these, "a schema-valid request must be accepted" cannot hold; every other check still runs.
DATA_DEPENDENT = {
    ("POST", "/api/v1/reports"),
    ("POST", "/api/v1/reports/{tracking_number}/additions"),
    ("GET", "/api/v1/reports/{tracking_number}/status"),
    ("GET", "/api/v1/search"),
    ("GET", "/api/v1/library/articles"),
    ("GET", "/api/v1/importers/check"),
    ("POST", "/api/v1/partner/referrals/{referral_id}/responses"),
}


@pytest.mark.django_db
@schema.parametrize()
@EXAMPLES
def test_every_route_keeps_its_documented_contract(case, partner_key):
    # Where the generated request carries a key, it gets a real one; where it leaves the key out on purpose,
    # the API must refuse it.
    headers = {"Authorization": f"Bearer {partner_key}"} if "Authorization" in (case.headers or {}) else {}
    excluded = []
    if (case.method.upper(), case.path) in DATA_DEPENDENT:
        excluded.append(schemathesis.checks.positive_data_acceptance)
    case.call_and_validate(headers=headers, excluded_checks=excluded)
