"""The public page of the marketplaces' response records in real Chromium: axe-clean in English and Spanish, on a
phone and a desktop, no sideways scrolling at phone width, and readable with JavaScript off."""

import pytest

from partners import operations as partner_operations
from partners.models import Partner, ResponseAction
from tests.browser_support import DESKTOP, PHONE, axe_violations
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReportFactory
from triage import operations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def records(db):
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    chargers = ProductCategoryFactory(name="Phone chargers", slug="chargers")
    market = Partner.objects.create(name="BargainMart")
    for n in range(6):
        report = ReportFactory(product_category=chargers)
        referral = operations.refer(agency="marketplace", note="", user=officer, report=report, recipient=market)
        if n < 3:
            action = ResponseAction.LISTING_REMOVED if n < 2 else ResponseAction.NO_ACTION
            partner_operations.respond(referral, partner=market, api_key=None, action=action, note="")


def test_the_page_is_accessible_in_both_languages_and_at_phone_width(page, live_server, records):
    problems = {}
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in ("/marketplaces/response-records/", "/es/marketplaces/response-records/"):
            page.goto(live_server.url + path)
            assert page.locator("table tbody tr").count() == 1
            violations = axe_violations(page)
            if violations:
                problems[f"{path} @ {viewport['width']}px"] = violations
            if viewport is PHONE:
                assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"), path
    assert problems == {}
    page.goto(live_server.url + "/es/marketplaces/response-records/")
    assert page.get_attribute("html", "lang") == "es"


def test_the_table_is_there_without_javascript(chromium, live_server, records):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/marketplaces/response-records/")
        row = page.locator("table tbody tr").first.inner_text()
        assert "BargainMart" in row and "6" in row and "33%" in row  # 2 of 6 acted on
        page.select_option("#id_period", index=1)
        page.get_by_role("button", name="Show").click()
        assert "period=" in page.url
    finally:
        context.close()
