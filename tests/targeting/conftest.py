import pytest

from partners import keys
from partners.models import Partner, Scope
from reports.models import Report
from targeting.linking import link_report
from tests.factories import UserFactory
from tests.reports.factories import ReportFactory
from tests.triage.conftest import chargers, editor  # noqa: F401 - the triage tests' people and category


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rita", groups=["Triage officers", "Border lead reviewers"])


def linked(category, **fields):
    """A report, linked to its entities as the worker would."""
    report = ReportFactory(product_category=category, **fields)
    link_report(Report.objects.select_related("contact").get(pk=report.pk))
    return report


@pytest.fixture
def agency(db):
    return Partner.objects.create(name="Port targeting unit", kind="carrier")


def agency_key(partner, scopes):
    return keys.create_key(partner=partner, name="feed", scopes=scopes)[1]


__all__ = ["Scope", "agency_key", "linked"]
