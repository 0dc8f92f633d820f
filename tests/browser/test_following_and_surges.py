"""In real Chromium: the "Emerging" panel on the trends page, and an officer following a queue search and seeing a
new matching report in "Following". axe-core finds no WCAG 2.1 A/AA violation in our markup on these pages."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser_support import axe_violations, sign_in_without_the_form
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReportFactory
from tests.triage.test_surges import known_surge
from tests.verified_client import VerifiedClient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Wagtail's own filter button shows the active filters' count while its accessible name is "Show filters"
# (axe: label-content-name-mismatch); see tests/browser/test_staff_accessibility.py.
WAGTAIL_FILTER_BUTTON = ".w-slim-header-action-button"


@pytest.fixture
def officer(site_tree):
    return UserFactory(username="olivia", groups=["Triage officers"])


def test_the_trends_page_shows_what_is_rising(page, live_server, officer):
    known_surge(timezone.now())
    sign_in_without_the_form(page, VerifiedClient(), officer, live_server.url)
    page.goto(live_server.url + reverse("triage-trends:index"))
    panel = page.locator("section.triage-emerging")
    expect(panel.get_by_role("heading", name="Emerging")).to_be_visible()
    row = panel.get_by_role("row").filter(has=page.get_by_role("rowheader", name="volt shop"))
    expect(row).to_contain_text("12 reports in the last 7 days, about 2 expected")
    expect(panel.get_by_role("rowheader")).to_have_count(5)
    assert axe_violations(page) == []


def test_an_officer_follows_a_search_and_sees_a_new_report_in_following(page, live_server, officer):
    category = ProductCategoryFactory(name="Chargers", slug="chargers-f")
    sign_in_without_the_form(page, VerifiedClient(), officer, live_server.url)
    page.goto(live_server.url + reverse("triage:index") + "?shipped_from_country=CN")
    assert axe_violations(page, exclude=[WAGTAIL_FILTER_BUTTON]) == []
    page.get_by_label("Name this search").fill("Shipped from China")
    page.get_by_role("button", name="Follow this search").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Following")
    expect(page.get_by_role("link", name="Shipped from China")).to_be_visible()
    expect(page.get_by_text("No new reports have matched yet.")).to_be_visible()

    # New reports arrive (the worker runs each task as it is queued here): one from China, one from Vietnam.
    matching = ReportFactory(product_category=category, shipped_from_country="CN")
    other = ReportFactory(product_category=category, shipped_from_country="VN")
    page.reload()
    expect(page.get_by_role("link", name=matching.tracking_number)).to_be_visible()
    expect(page.get_by_text(other.tracking_number)).to_have_count(0)
    assert axe_violations(page) == []

    page.get_by_role("link", name=matching.tracking_number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(matching.tracking_number)
