"""A triage officer in real Chromium: refers a report to the FTC without sharing it with the marketplace the
listing is on, and finds a report by its tracking number with the keyboard only."""

import pytest
from django.urls import reverse

from tests import browser_support
from tests.reports.factories import ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def category(db):
    from library.models import ProductCategory

    return ProductCategory.objects.create(name="Chargers", slug="chargers", health_and_safety=True)


def test_referring_to_the_ftc_shares_nothing_with_the_marketplace(page, live_server, client, officer, category):
    from partners import keys
    from partners.models import Partner

    shopright = Partner.objects.create(name="ShopRight Marketplace", domains="shopright.example")
    key = keys.create_key(partner=shopright, name="sync", scopes=["reports:read-own-referrals"])[1]
    report = ReportFactory(product_category=category, listing_url="https://shopright.example/item/42")
    base = live_server.url
    browser_support.sign_in_without_the_form(page, client, officer, base)

    page.goto(base + reverse("triage:inspect", args=[report.pk]))
    page.get_by_text("Refer to an agency").click()
    refer = page.locator("form", has=page.get_by_role("button", name="Refer", exact=True))
    share = refer.get_by_label("Also share with ShopRight Marketplace (listing on shopright.example)")
    assert share.is_visible()
    assert not share.is_checked()
    assert refer.get_by_label("Share through the partner API with").input_value() == ""
    refer.get_by_label("Refer to").select_option("ftc")
    refer.get_by_label("Note for the agency").fill("Repeat seller, see the case file.")
    summary = refer.locator("[data-referral-summary]")
    assert "Referred to: FTC" in summary.inner_text()
    assert "Shared through the partner API with: nobody" in summary.inner_text()
    share.check()
    assert "Shared through the partner API with: ShopRight Marketplace" in summary.inner_text()
    share.uncheck()
    assert "Shared through the partner API with: nobody" in summary.inner_text()
    refer.get_by_role("button", name="Refer", exact=True).click()

    page.get_by_text("Referred to FTC. Shared through the partner API with: nobody.").wait_for()
    answer = page.request.get(base + "/api/v1/partner/referrals", headers={"Authorization": f"Bearer {key}"})
    assert answer.status == 200
    assert answer.json()["results"] == []


def test_an_officer_goes_to_a_report_by_tracking_number_with_the_keyboard(
    page, live_server, client, officer, category
):
    report = ReportFactory(product_category=category)
    ReportFactory(product_category=category)
    base = live_server.url
    browser_support.sign_in_without_the_form(page, client, officer, base)
    page.goto(base + reverse("triage:index"))

    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == "tracking_number":
            break
    else:
        pytest.fail("The Go to report box cannot be reached with the Tab key.")
    label = page.evaluate("document.activeElement.labels[0].textContent.trim()")
    assert label == "Go to report"

    page.keyboard.type(report.tracking_number.removeprefix("CF-").lower())
    page.keyboard.press("Enter")
    page.wait_for_url(base + reverse("triage:inspect", args=[report.pk]))
    assert report.tracking_number in page.locator("h1").first.inner_text()
