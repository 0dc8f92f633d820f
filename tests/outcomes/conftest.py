from datetime import timedelta

import pytest
from django.utils import timezone

from outcomes import recording
from outcomes.quarters import last_complete_quarter
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReportFactory
from tests.triage.conftest import chargers, editor, report, toys_free  # noqa: F401 - shared fixtures


@pytest.fixture
def last_quarter():
    """(first day, first day of the next quarter) of the last complete quarter."""
    return last_complete_quarter()


@pytest.fixture
def manager(db):
    return UserFactory(username="maya", groups=["Triage officers"])


@pytest.fixture
def shoes(db):
    return ProductCategoryFactory(name="Shoes", slug="shoes")


def sent_on(sent, day):
    """Move a report's submission to noon on `day` (site time zone)."""
    when = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time())) + timedelta(hours=12)
    type(sent).objects.filter(pk=sent.pk).update(submitted_at=when)
    sent.refresh_from_db()
    return sent


def closed_with(code, *, user, category, sent, acted=None, **fields):
    """A report sent on `sent`, closed with outcome `code` (the action dated `acted`)."""
    closed = sent_on(ReportFactory(product_category=category, **fields), sent)
    recording.close_report(closed, code, user=user, action_date=acted)
    return closed
