"""The staff side: reviewers approve or reject guides (audit-logged); officers see only approved guides beside a
report's files, the "possibly genuine" flag, and refer the report to the rights holder."""

import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from brands import guides
from brands.models import AuthorisedSeller, Guide, GuideStatus, SellerKind
from partners.operations import referrals_for, shared_contact
from tests.brands.conftest import add_photo
from tests.factories import UserFactory
from triage.models import Referral

pytestmark = pytest.mark.django_db


def report_page(client, report):
    response = client.get(reverse("triage:inspect", args=[report.pk]))
    assert response.status_code == 200
    return response.text


@pytest.fixture
def guide_in_review(brand):
    guide = Guide.objects.create(brand=brand, genuine_points="Engraved plug.", packaging_features="Blue box.")
    add_photo(guide, alt_text="Engraved plug close-up")
    return guides.submit(guide, user=None)


def test_officer_sees_the_approved_guide_and_its_photo_beside_the_files(client, officer, report, approved_guide):
    client.force_login(officer)
    html = report_page(client, report)
    assert "Brand and identification guide" in html
    assert "The logo&#x27;s V has a notch on genuine chargers." in html
    assert "Hologram sticker on the box&#x27;s left side." in html
    photo = approved_guide.photos.get()
    assert f'src="{reverse("brands_photo", args=[photo.pk])}" alt="The genuine box&#x27;s hologram sticker"' in html
    assert html.index('id="files"') < html.index('id="brand"') < html.index('id="reporter"')
    response = client.get(reverse("brands_photo", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("step", ["draft", "in_review", "rejected", "changed_after_approval"])
def test_an_unapproved_guide_is_never_shown_to_officers(client, officer, reviewer, report, brand, step):
    guide = Guide.objects.create(brand=brand, genuine_points="Secret draft point.")
    add_photo(guide, alt_text="Draft photo")
    if step != "draft":
        guides.submit(guide, user=None)
    if step == "rejected":
        guides.review(guide, approve=False, reason="Blurry photo", user=reviewer)
    if step == "changed_after_approval":
        guides.review(guide, approve=True, reason="", user=reviewer)
        guide.refresh_from_db()
        guides.save_text(guide, genuine_points="Secret changed point.", packaging_features="", user=None)
    client.force_login(officer)
    html = report_page(client, report)
    assert "Secret" not in html and "Draft photo" not in html
    assert "No approved identification guide for this brand yet." in html
    assert client.get(reverse("brands_photo", args=[guide.photos.get().pk])).status_code == 404


def test_any_change_to_an_approved_guide_returns_it_to_review(approved_guide, reviewer):
    guides.save_text(approved_guide, genuine_points="New point.", packaging_features="", user=None)
    approved_guide.refresh_from_db()
    assert approved_guide.status == GuideStatus.IN_REVIEW
    guides.review(approved_guide, approve=True, reason="", user=reviewer)
    guides.remove_photo(approved_guide.photos.get(), user=None)
    approved_guide.refresh_from_db()
    assert approved_guide.status == GuideStatus.IN_REVIEW
    guides.review(approved_guide, approve=True, reason="", user=reviewer)
    add_photo(approved_guide)
    approved_guide.refresh_from_db()
    assert approved_guide.status == GuideStatus.IN_REVIEW


def test_a_reviewer_approves_in_the_admin_and_it_is_logged(client, reviewer, guide_in_review):
    client.force_login(reviewer)
    listing = client.get(reverse("brand-guides:index"))
    assert "Volta" in listing.text
    review_url = reverse("brand-guides:review", args=[guide_in_review.pk])
    page = client.get(review_url)
    assert "Engraved plug close-up" in page.text
    photo = guide_in_review.photos.get()
    assert client.get(reverse("brands_photo", args=[photo.pk])).status_code == 200  # reviewers see it before approval
    response = client.post(review_url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    guide_in_review.refresh_from_db()
    assert guide_in_review.status == GuideStatus.APPROVED and guide_in_review.reviewed_by == reviewer
    entry = ModelLogEntry.objects.for_instance(guide_in_review).get(action="brands.guide_approve")
    assert entry.user == reviewer


def test_a_guide_changed_while_the_reviewer_reads_it_is_not_approved(client, reviewer, guide_in_review):
    client.force_login(reviewer)
    review_url = reverse("brand-guides:review", args=[guide_in_review.pk])
    seen = re.search(r'name="seen" value="([^"]+)"', client.get(review_url).text).group(1)
    guides.save_text(guide_in_review, genuine_points="Swapped after submitting.", packaging_features="", user=None)
    response = client.post(review_url, {"decision": "approve", "reason": "", "seen": seen})
    assert response.status_code == 400
    assert "changed this guide while you were reading it" in response.text
    guide_in_review.refresh_from_db()
    assert guide_in_review.status == GuideStatus.IN_REVIEW
    # The page now shows the new version; deciding on it works.
    seen = re.search(r'name="seen" value="([^"]+)"', response.text).group(1)
    assert client.post(review_url, {"decision": "approve", "reason": "", "seen": seen}).status_code == 302


def test_rejecting_needs_a_reason(client, reviewer, guide_in_review):
    client.force_login(reviewer)
    review_url = reverse("brand-guides:review", args=[guide_in_review.pk])
    response = client.post(review_url, {"decision": "reject", "reason": "  "})
    assert response.status_code == 400
    assert "Give the rights holder a reason" in response.text
    guide_in_review.refresh_from_db()
    assert guide_in_review.status == GuideStatus.IN_REVIEW
    client.post(review_url, {"decision": "reject", "reason": "The photos show a fake."})
    guide_in_review.refresh_from_db()
    assert (guide_in_review.status, guide_in_review.review_reason) == (GuideStatus.REJECTED, "The photos show a fake.")
    entry = ModelLogEntry.objects.for_instance(guide_in_review).get(action="brands.guide_reject")
    assert entry.data["reason"] == "The photos show a fake."


def test_officers_cannot_review_guides(client, officer, guide_in_review):
    client.force_login(officer)
    # The admin answers a refusal by sending the person back to the dashboard with a message.
    listing = client.get(reverse("brand-guides:index"))
    assert (listing.status_code, listing.get("Location")) == (302, "/admin/")
    response = client.post(reverse("brand-guides:review", args=[guide_in_review.pk]), {"decision": "approve"})
    assert (response.status_code, response.get("Location")) == (302, "/admin/")
    guide_in_review.refresh_from_db()
    assert guide_in_review.status == GuideStatus.IN_REVIEW


def test_a_photo_without_alt_text_is_refused(brand):
    from tests.brands.conftest import photo_upload

    guide = Guide.objects.create(brand=brand)
    with pytest.raises(guides.GuideError) as raised:
        guides.check_photo(photo_upload(), "   ")
    assert "Describe the photo in the alt text box" in raised.value.message
    assert not guide.photos.exists()


def test_a_report_naming_an_authorised_seller_is_flagged_possibly_genuine(client, officer, report, brand):
    client.force_login(officer)
    assert "Possibly genuine" not in report_page(client, report)
    report.listing_url = "https://shop.volta.example/65w"
    report.save()
    html = report_page(client, report)
    assert "Possibly genuine" in html
    assert "The listing is on shop.volta.example, an authorised web domain of Volta" in html


def test_an_officer_refers_the_report_to_the_rights_holder_without_personal_data(
    client, officer, report, brand, holder
):
    client.force_login(officer)
    assert "Refer to the rights holder (Volta Brands Inc.)" in report_page(client, report)
    response = client.post(
        reverse("brands_refer", args=[report.pk]), {"brand": brand.pk, "partner_note": "Please confirm."}
    )
    assert response.status_code == 302
    referral = Referral.objects.get(report=report)
    assert referral.recipient == holder and referral.partner_note == "Please confirm."
    assert list(referrals_for(holder)) == [referral]
    assert shared_contact(report, referral) is None  # never the reporter's contact for a rights holder
    assert "Volta Brands Inc." in report_page(client, report)


def test_referring_to_a_brand_the_report_is_not_about_is_refused(client, officer, report, category):
    from brands.models import Brand
    from partners.models import Partner, PartnerKind

    other = Brand.objects.create(
        owner=Partner.objects.create(name="Zephyr Holder", kind=PartnerKind.RIGHTS_HOLDER), name="Zephyr"
    )
    client.force_login(officer)
    response = client.post(reverse("brands_refer", args=[report.pk]), {"brand": other.pk}, follow=True)
    assert "This report is not about that brand" in response.text
    assert not Referral.objects.exists()


def test_staff_without_triage_permission_see_no_brand_panel_or_photos(client, report, approved_guide):
    editor = UserFactory(username="ed", groups=["Editors"])
    client.force_login(editor)
    assert client.get(reverse("brands_photo", args=[approved_guide.photos.get().pk])).status_code == 404
    response = client.post(reverse("brands_refer", args=[report.pk]), {"brand": approved_guide.brand_id})
    assert response.status_code in (302, 403)
    assert not Referral.objects.exists()


def test_a_reviewer_keeps_the_registry_in_the_admin(client, reviewer, holder):
    client.force_login(reviewer)
    add_url = reverse("brands:add")
    data = {
        "owner": holder.pk,
        "name": "Nimbus",
        "other_names-TOTAL_FORMS": "1",
        "other_names-INITIAL_FORMS": "0",
        "other_names-MIN_NUM_FORMS": "0",
        "other_names-MAX_NUM_FORMS": "1000",
        "other_names-0-name": "Nimbus Gear",
        "trademarks-TOTAL_FORMS": "1",
        "trademarks-INITIAL_FORMS": "0",
        "trademarks-MIN_NUM_FORMS": "0",
        "trademarks-MAX_NUM_FORMS": "1000",
        "trademarks-0-mark": "NIMBUS",
        "trademarks-0-registration_number": "6000001",
        "trademarks-0-recordation_number": "TMK 22-00001",
        "authorised_sellers-TOTAL_FORMS": "1",
        "authorised_sellers-INITIAL_FORMS": "0",
        "authorised_sellers-MIN_NUM_FORMS": "0",
        "authorised_sellers-MAX_NUM_FORMS": "1000",
        "authorised_sellers-0-kind": SellerKind.DOMAIN,
        "authorised_sellers-0-value": "amazon.com",
    }
    response = client.post(add_url, data)
    assert response.status_code == 200
    assert "is a marketplace where many sellers trade" in response.text
    data["authorised_sellers-0-value"] = "https://WWW.Nimbus.example/"
    response = client.post(add_url, data)
    assert response.status_code == 302
    seller = AuthorisedSeller.objects.get(brand__name="Nimbus")
    assert seller.key == "nimbus.example"
