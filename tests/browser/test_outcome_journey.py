"""An officer closes a report with its outcome on the report's page; the anonymous reporter, with only the tracking
number and receipt key, reads what came of it in plain words on the status page (English, then Spanish)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser_support import axe_violations, sign_in_without_the_form
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import RECEIPT_KEY, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_closed_report_shows_its_outcome_to_the_reporter(page, live_server, client):
    officer = UserFactory(username="olivia", first_name="Olivia", last_name="Officer", groups=["Triage officers"])
    report = ReportFactory(product_category=ProductCategoryFactory(name="Chargers", slug="chargers"), anonymous=True)
    sign_in_without_the_form(page, client, officer, live_server.url)
    page.goto(live_server.url + reverse("triage:inspect", args=[report.pk]))
    panel = page.get_by_role("complementary", name="Triage")
    panel.get_by_label("Status").select_option("closed")
    panel.get_by_label("Outcome").select_option("shipment_seized")
    panel.get_by_label("Reference number (optional)").fill("SZ-2026-7")
    panel.get_by_role("button", name="Change status").click()
    expect(panel).to_contain_text("Outcome recorded: Shipment seized.")
    expect(page.locator("#timeline")).to_contain_text("Outcome recorded: Shipment seized (reference SZ-2026-7)")

    page.context.clear_cookies()
    page.goto(live_server.url + "/report/status/")
    page.get_by_label("Tracking number").fill(report.tracking_number)
    page.get_by_label("Receipt key").fill(RECEIPT_KEY)
    page.get_by_role("button", name="Check status").click()
    outcome = page.locator("[data-outcome=shipment_seized]")
    expect(outcome).to_have_text("A shipment linked to your report was seized at the border.")
    assert "SZ-2026-7" not in page.content()
    assert axe_violations(page) == []
    page.goto(live_server.url + f"/es/report/status/{report.tracking_number}/")
    expect(outcome).to_have_text("Un envío relacionado con su reporte fue incautado en la frontera.")
