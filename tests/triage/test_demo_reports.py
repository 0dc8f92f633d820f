"""The demo reports behind `make screenshots`: saved through the real validation, once, with related reports."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.models import Report
from tests.factories import ProductCategoryFactory, UserFactory
from triage.demo import DEMO_REPORTS, load_demo_reports
from triage.related import related_by_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_categories(db):
    for slug in {row[0] for row in DEMO_REPORTS}:
        ProductCategoryFactory(slug=slug, name=slug.title(), health_and_safety=slug != "luxury-goods")


def test_demo_reports_are_added_once_and_the_demo_admin_can_work_them(demo_categories):
    admin = UserFactory(username="admin", is_superuser=True)
    assert load_demo_reports() == len(DEMO_REPORTS)
    assert load_demo_reports() == 0
    assert Report.objects.count() == len(DEMO_REPORTS)
    first = Report.objects.get(product_name="65 W fast charger")
    assert first.priority == "urgent"
    assert [group.key for group in related_by_signal(first)][:1] == ["seller"]
    assert admin.groups.filter(name="Triage officers").exists()


def test_the_command_refuses_without_debug(settings, demo_categories):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_reports")
    assert not Report.objects.exists()
