"""In real Chromium: an officer opens a seller's entity page, follows it, a new report naming that seller is
submitted (through the report API) and linked by the worker, and it is listed on their Following page. axe-core
finds no WCAG 2.1 A/AA violation on the entity page (before and after following) or on the Following page."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import Report
from targeting.kinds import EntityKind
from targeting.linking import link_report
from targeting.models import Entity
from tests.browser_support import axe_violations, sign_in_without_the_form
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReportFactory, payload
from tests.verified_client import VerifiedClient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_officer_follows_a_seller_and_sees_its_next_report_in_following(page, live_server, site_tree):
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    category = ProductCategoryFactory(name="Chargers", slug="chargers")
    first = ReportFactory(product_category=category, seller_name="Volt Deals", listing_url="https://volt.example/1")
    link_report(Report.objects.get(pk=first.pk))
    seller = Entity.objects.get(kind=EntityKind.SELLER, key="volt deals")
    base = live_server.url
    sign_in_without_the_form(page, VerifiedClient(), officer, base)
    problems = {}

    page.goto(base + reverse("targeting-entities:detail", args=[seller.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Volt Deals")
    if found := axe_violations(page):
        problems["entity page"] = found
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.get_by_text("You now follow Seller: Volt Deals.")).to_be_visible()
    expect(page.get_by_role("button", name="Stop following")).to_be_visible()
    # Wagtail's message fades in: check its contrast once it is shown in full.
    page.locator(".messages").evaluate("el => Promise.all(el.getAnimations({subtree: true}).map(a => a.finished))")
    if found := axe_violations(page):
        problems["entity page, followed"] = found

    # A new report naming the seller (written differently) is submitted; the worker links it and matches it.
    body = payload(category_slug="chargers", seller_name="VOLT DEALS LLC", order_number="BM-42")
    response = Client().post("/api/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.text
    tracking_number = response.json()["tracking_number"]
    other = ReportFactory(product_category=category, seller_name="Somebody Else")

    page.goto(base + reverse("triage-following:index"))
    follows = page.get_by_role("table", name="Searches, entities and watchlists you follow")
    expect(follows.get_by_role("link", name="Seller: Volt Deals")).to_be_visible()
    expect(page.get_by_role("link", name=tracking_number)).to_be_visible()
    expect(page.get_by_text(other.tracking_number)).to_have_count(0)
    if found := axe_violations(page):
        problems["following page"] = found

    page.get_by_role("link", name=tracking_number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(tracking_number)
    assert problems == {}
