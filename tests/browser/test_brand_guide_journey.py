"""A rights holder signs in to the portal (password and authenticator code), writes an identification guide with a
photo (first forgetting its alt text), and submits it; a brand reviewer approves it in the admin; an officer then
sees it, photo included, beside the files of a report about the brand. Real Chromium, axe on every page."""

import pytest
from playwright.sync_api import expect

from brands.models import AuthorisedSeller, Brand, SellerKind
from tests.browser_support import axe_violations, sign_in_without_the_form
from tests.factories import ProductCategoryFactory, UserFactory
from tests.portal.browser_support import sign_in_to_portal
from tests.portal.members import new_member
from tests.reports.factories import ReportFactory, image_bytes
from tests.verified_client import VerifiedClient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHOTO = {"name": "box.png", "mimeType": "image/png", "buffer": image_bytes("PNG", size=(320, 200))}


def test_a_rights_holder_writes_a_guide_staff_approve_it_and_the_officer_sees_it(page, live_server):
    member = new_member(kind="rights_holder", role="responder", name="Volta Brands Inc.")
    brand = Brand.objects.create(owner=member.organisation, name="Volta")
    AuthorisedSeller.objects.create(brand=brand, kind=SellerKind.DOMAIN, value="volta.example")
    report = ReportFactory(
        product_category=ProductCategoryFactory(name="Chargers", slug="chargers-brands"),
        brand="VOLTA",
        listing_url="https://shop.volta.example/65w",
    )
    reviewer = UserFactory(username="rita", groups=["Brand reviewers"])
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    base = live_server.url
    problems = {}

    def check(name):
        if found := axe_violations(page):
            problems[name] = found

    sign_in_to_portal(page, live_server, member)
    page.get_by_role("navigation", name="Partner portal").get_by_role("link", name="Brands and guides").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brands and guides")
    check("portal: brands")
    page.get_by_role("link", name="Volta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Volta")
    check("portal: brand")
    page.get_by_role("link", name="Write the guide").click()
    check("portal: guide form")

    page.get_by_label("How to tell genuine from fake").fill("The plug is engraved, never printed.\nThe V is notched.")
    page.get_by_label("Packaging features").fill("Hologram sticker on the box's left side.")
    page.get_by_label("Add a photo (optional)").set_input_files(PHOTO)
    page.get_by_role("button", name="Save and submit for CBP review").click()
    expect(page.locator(".usa-error-message")).to_contain_text("Describe the photo in the alt text box")
    check("portal: guide form with an error")

    page.get_by_label("Add a photo (optional)").set_input_files(PHOTO)
    page.get_by_label("Alt text for the photo").fill("The engraved plug of a genuine charger")
    page.get_by_role("button", name="Save and submit for CBP review").click()
    expect(page.get_by_role("status")).to_contain_text("CBP will review it")
    expect(page.get_by_role("img", name="The engraved plug of a genuine charger")).to_be_visible()
    check("portal: brand with its guide")

    page.context.clear_cookies()
    sign_in_without_the_form(page, VerifiedClient(), reviewer, base)
    page.goto(f"{base}/admin/brand-guides/")
    check("admin: guides to review")
    page.get_by_role("link", name="Volta").click()
    expect(page.get_by_role("img", name="The engraved plug of a genuine charger")).to_be_visible()
    check("admin: guide review")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("officers now see it")).to_be_visible()

    page.context.clear_cookies()
    sign_in_without_the_form(page, VerifiedClient(), officer, base)
    page.goto(f"{base}/admin/triage/inspect/{report.pk}/")
    panel = page.locator("#brand")
    expect(panel).to_contain_text("The plug is engraved, never printed.")
    expect(panel).to_contain_text("Possibly genuine")
    photo = panel.get_by_role("img", name="The engraved plug of a genuine charger")
    expect(photo).to_be_visible()
    assert photo.evaluate("image => image.naturalWidth") == 320
    check("admin: report page with the guide")
    assert problems == {}
