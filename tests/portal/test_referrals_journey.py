"""A marketplace responder, in real Chromium under the site's Content-Security-Policy: signs in with a password and
an app code, opens a referral, answers it, answers two more at once, and uploads a CSV of reports. Every page
passes axe, and fits a phone's width."""

import pytest

from partners.models import PartnerResponse, PartnerSubmission
from tests.browser_support import PHONE, axe_violations
from tests.factories import ProductCategoryFactory
from tests.partners.conftest import reported
from tests.portal.browser_support import sign_in_to_portal
from tests.portal.test_referrals import allowed_to_send
from triage.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CSV = (
    "external_id,product_category,description,marketplace,reasons,harm\n"
    "SKU-1,chargers,Charger melted within minutes of use.,BargainMart,price_too_low|packaging,no\n"
    "SKU-2,chargers,too short,BargainMart,,no\n"
)


def no_sideways_scroll(page):
    return not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def test_a_marketplace_responder_answers_referrals_and_uploads_reports(csp_page, live_server, portal_member):
    page = csp_page
    base = live_server.url
    member = allowed_to_send(portal_member(kind="marketplace", role="responder"))
    category = ProductCategoryFactory(name="Chargers", slug="chargers")
    referrals = [
        Referral.objects.create(
            report=reported(category, share_contact_with_marketplace=consent),
            agency="marketplace",
            recipient=member.organisation,
            partner_note="Please check this listing.",
        )
        for consent in (True, False, False)
    ]
    first, second, third = referrals
    sign_in_to_portal(page, live_server, member)

    page.goto(base + "/portal/referrals/")
    page.get_by_role("link", name=f"Referral {first.pk}", exact=True).click()
    page.wait_for_url(f"**/portal/referrals/{first.pk}/")
    assert page.get_by_text("ana@example.com").is_visible()  # the reporter agreed to share it
    page.get_by_text("Listing removed", exact=True).click()
    page.get_by_label("Note for CBP (optional)").fill("Taken down this morning.")
    page.get_by_role("button", name="Send the answer").click()
    page.get_by_text("your answer is recorded").wait_for()
    assert page.get_by_text("Taken down this morning.").is_visible()

    page.goto(base + "/portal/referrals/?show=waiting")
    page.get_by_text(f"Tick referral {second.pk}").click()
    page.get_by_text(f"Tick referral {third.pk}").click()
    page.get_by_text("Seller suspended", exact=True).click()
    page.get_by_role("button", name="Send this answer").click()
    page.get_by_text(f"Referral {third.pk} ({third.report.tracking_number}): answer recorded.").wait_for()
    assert set(PartnerResponse.objects.values_list("referral_id", "action")) == {
        (first.pk, "listing_removed"),
        (second.pk, "seller_suspended"),
        (third.pk, "seller_suspended"),
    }

    page.goto(base + "/portal/referrals/upload/")
    page.get_by_label("CSV file of reports").set_input_files(
        {"name": "reports.csv", "mimeType": "text/csv", "buffer": CSV.encode()}
    )
    page.get_by_role("button", name="Upload and send").click()
    page.get_by_text("1 accepted, 1 refused").wait_for()
    tracking = PartnerSubmission.objects.get(external_id="SKU-1").report.tracking_number
    assert page.get_by_text(f"Accepted: tracking number {tracking}").is_visible()
    assert page.csp_violations == [] and page.script_errors == []


def test_the_referral_pages_pass_axe_and_fit_a_phone(page, live_server, portal_member):
    base = live_server.url
    member = allowed_to_send(portal_member(kind="carrier", role="admin"))
    category = ProductCategoryFactory(name="Chargers", slug="chargers")
    referral = Referral.objects.create(
        report=reported(category, listing_url=""), agency="marketplace", recipient=member.organisation
    )
    sign_in_to_portal(page, live_server, member)
    page.goto(base + "/portal/referrals/upload/")
    page.get_by_label("CSV file of reports").set_input_files(
        {"name": "reports.csv", "mimeType": "text/csv", "buffer": CSV.encode()}
    )
    page.get_by_role("button", name="Upload and send").click()
    page.get_by_text("1 accepted, 1 refused").wait_for()
    assert axe_violations(page) == [], "upload results"

    pages = ["/portal/referrals/", f"/portal/referrals/{referral.pk}/", "/portal/referrals/upload/"]
    for size in (None, PHONE):
        if size:
            page.set_viewport_size(size)
        for path in pages:
            page.goto(base + path)
            assert axe_violations(page) == [], path
            assert no_sideways_scroll(page), path

    # An answer with errors is shown with its messages, and that page passes axe too.
    page.goto(base + f"/portal/referrals/{referral.pk}/")
    page.get_by_role("button", name="Send the answer").click()
    page.get_by_text("Choose what you did about the referral.").wait_for()
    assert axe_violations(page) == [], "answer with errors"
    page.goto(base + "/portal/referrals/")
    page.get_by_role("button", name="Send this answer").click()
    page.get_by_text("Tick at least one referral to answer.").wait_for()
    assert axe_violations(page) == [], "bulk answer with errors"
