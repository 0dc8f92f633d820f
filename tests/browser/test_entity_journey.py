"""An officer goes from a report's page to its seller's entity page, reads the co-occurrence table, follows it to a
domain the seller uses, and finds an entity by a phone number typed their own way (real Chromium, axe on each page,
also at phone width)."""

import pytest
from playwright.sync_api import expect

from reports.models import Report
from targeting.linking import link_report
from tests.browser_support import PHONE, axe_violations, sign_in_without_the_form
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReportFactory
from tests.verified_client import VerifiedClient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def linked(**fields):
    report = ReportFactory(**fields)
    link_report(Report.objects.get(pk=report.pk))
    return report


def test_an_officer_follows_a_seller_to_its_domains(page, live_server, site_tree):
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    category = ProductCategoryFactory(name="Chargers", slug="chargers-entities")
    first = linked(
        product_category=category,
        seller_name="Volt Deals",
        listing_url="https://volt-a.example/item/1",
        description="Seller's phone: (202) 555-0143.",
        shipped_from_country="CN",
        harm=True,
    )
    for number, domain in enumerate(["volt-b.example", "volt-c.example"], start=2):
        linked(product_category=category, seller_name="VOLT DEALS", listing_url=f"https://{domain}/item/{number}")
    base = live_server.url
    sign_in_without_the_form(page, VerifiedClient(), officer, base)
    problems = {}

    page.goto(f"{base}/admin/triage/inspect/{first.pk}/")
    page.locator("#entities").get_by_role("link", name="Volt Deals").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Volt Deals")
    table = page.get_by_role("table", name="Entities named in the same reports, most shared first")
    for domain in ("volt-a.example", "volt-b.example", "volt-c.example"):
        expect(table.get_by_role("link", name=domain, exact=True)).to_be_visible()
    expect(page.locator("svg.targeting-graph__picture line")).to_have_count(7)  # 3 domains, 3 store addresses, 1 phone
    if found := axe_violations(page):
        problems["entity page"] = found
    page.set_viewport_size(PHONE)
    if found := axe_violations(page):
        problems["entity page at phone width"] = found
    page.set_viewport_size({"width": 1280, "height": 900})

    table.get_by_role("link", name="volt-b.example", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("volt-b.example")
    expect(page.get_by_role("table", name="Entities named in the same reports, most shared first")).to_contain_text(
        "Volt Deals"
    )

    page.goto(f"{base}/admin/entities/")
    page.get_by_label("Seller, domain, brand, UPC, phone or email").fill("202.555.0143")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="+1 202-555-0143")).to_be_visible()
    if found := axe_violations(page):
        problems["entity search"] = found
    assert problems == {}
