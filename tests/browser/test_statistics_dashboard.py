"""The public statistics dashboard in real Chromium: axe-clean in English and Spanish, on a phone and a desktop,
no sideways scrolling at phone width, and its tables readable with JavaScript off."""

from datetime import timedelta

import pytest

from outcomes import recording
from outcomes.quarters import last_complete_quarter
from reports.statistics import complete_weeks
from tests.browser_support import DESKTOP, PHONE, axe_violations
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def numbers(db):
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    chargers = ProductCategoryFactory(name="Phone chargers and power banks", slug="chargers")
    start, _end = last_complete_quarter()
    monday = complete_weeks(1)[0]
    for n in range(12):
        report = ReportFactory(product_category=chargers)
        type(report).objects.filter(pk=report.pk).update(
            submitted_at=report.submitted_at.replace(year=monday.year, month=monday.month, day=monday.day)
        )
        report.refresh_from_db()
        code = "shipment_seized" if n < 6 else "no_action"
        recording.close_report(report, code, user=officer, action_date=start + timedelta(days=n))


def test_the_dashboard_is_accessible_in_both_languages_and_at_phone_width(page, live_server, numbers):
    problems = {}
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in ("/statistics/", "/es/statistics/"):
            page.goto(live_server.url + path)
            violations = axe_violations(page)
            if violations:
                problems[f"{path} @ {viewport['width']}px"] = violations
            if viewport is PHONE:
                assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"), path
    assert problems == {}
    page.goto(live_server.url + "/es/statistics/")
    assert page.get_attribute("html", "lang") == "es"
    assert (
        page.locator("section[aria-labelledby=chart-actions] table tbody tr")
        .first.inner_text()
        .startswith("Envío incautado")
    )


def test_the_tables_are_there_without_javascript(chromium, live_server, numbers):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/statistics/")
        rows = page.locator("section[aria-labelledby=chart-actions] table tbody tr")
        assert rows.count() == 1 and "6" in rows.first.inner_text()
        assert page.locator("svg[role=img]").count() == 6
    finally:
        context.close()
