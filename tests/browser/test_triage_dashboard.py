"""An officer starts from the Wagtail dashboard in real Chromium: their panels, a report, and the matching queue view."""

import pytest
from playwright.sync_api import expect

from reports.choices import Priority
from reports.models import Report
from tests.browser_support import sign_in_without_the_form
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReportFactory
from tests.verified_client import VerifiedClient
from triage import operations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_officer_goes_from_the_dashboard_to_their_report_and_queue(page, live_server, site_tree):
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    category = ProductCategoryFactory(name="Toys", slug="toys-dash")
    mine = ReportFactory(product_category=category)
    operations.assign(mine, officer, user=officer)
    urgent = ReportFactory(product_category=category)
    Report.objects.filter(pk=urgent.pk).update(priority=Priority.URGENT)
    base = live_server.url
    sign_in_without_the_form(page, VerifiedClient(), officer, base)

    page.goto(base + "/admin/")
    panel = page.locator("section.triage-dashboard")
    expect(panel.get_by_role("heading", name="Mine: 1")).to_be_visible()
    expect(panel.get_by_role("heading", name="Unassigned urgent: 1")).to_be_visible()
    expect(panel.get_by_role("link", name=urgent.tracking_number)).to_be_visible()

    panel.get_by_role("link", name=mine.tracking_number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(mine.tracking_number)

    page.goto(base + "/admin/")
    page.get_by_role("link", name="Open “Mine” in the queue").click()
    expect(page.get_by_role("link", name=mine.tracking_number)).to_be_visible()
    expect(page.get_by_text(urgent.tracking_number)).to_have_count(0)
