"""The rights holders' portal pages: their own brands and guides only; editing needs a responder or an admin;
a photo needs alt text; a change to an approved guide goes back to review."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from brands.models import Brand, Guide, GuideStatus
from tests.brands.conftest import add_photo
from tests.reports.factories import image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"portal:brands_portal:{name}", args=args)


@pytest.fixture
def member(portal_member, holder):
    return portal_member(kind="rights_holder", role="responder", organisation=holder)


@pytest.fixture
def other_holder_brand(portal_member):
    stranger = portal_member(kind="rights_holder", role="admin")
    brand = Brand.objects.create(owner=stranger.organisation, name="Zephyr")
    guide = Guide.objects.create(brand=brand, genuine_points="Zephyr secret point.")
    add_photo(guide, alt_text="Zephyr photo")
    return brand


def photo(name="box.png"):
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def test_a_rights_holder_sees_only_its_own_brands(member, portal_client, brand, other_holder_brand):
    client = portal_client(member)
    listing = client.get(url("brands"))
    assert "Volta" in listing.text and "Zephyr" not in listing.text
    page = client.get(url("brand", brand.pk))
    assert "TMK 21-00123" in page.text and "volta.example" in page.text
    assert client.get(url("brand", other_holder_brand.pk)).status_code == 404
    assert client.get(url("guide", other_holder_brand.pk)).status_code == 404
    response = client.post(url("guide", other_holder_brand.pk), {"genuine_points": "Hijack", "save": "1"})
    assert response.status_code == 404
    other_photo = other_holder_brand.guide.photos.get()
    assert client.get(url("photo", other_photo.pk)).status_code == 404
    assert client.post(url("remove_photo", other_photo.pk)).status_code == 404
    assert client.post(url("submit", other_holder_brand.pk)).status_code == 404
    other_holder_brand.guide.refresh_from_db()
    assert other_holder_brand.guide.genuine_points == "Zephyr secret point."
    assert other_holder_brand.guide.photos.count() == 1


def test_writing_a_guide_with_a_photo_and_submitting_it(member, portal_client, brand):
    client = portal_client(member)
    response = client.post(
        url("guide", brand.pk),
        {
            "genuine_points": "Engraved plug.\nNotched V.",
            "packaging_features": "Hologram.",
            "photo": photo(),
            "alt_text": "The engraved plug",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    guide = Guide.objects.get(brand=brand)
    assert guide.status == GuideStatus.IN_REVIEW and guide.point_list == ["Engraved plug.", "Notched V."]
    stored = guide.photos.get()
    assert stored.alt_text == "The engraved plug"
    served = client.get(url("photo", stored.pk))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert "Waiting for CBP review" in client.get(url("brand", brand.pk)).text


def test_a_photo_without_alt_text_is_refused_with_a_clear_message_and_nothing_is_saved(member, portal_client, brand):
    client = portal_client(member)
    response = client.post(
        url("guide", brand.pk), {"genuine_points": "Engraved plug.", "photo": photo(), "alt_text": "", "save": "1"}
    )
    assert response.status_code == 400
    assert "Describe the photo in the alt text box" in response.text
    assert not Guide.objects.filter(brand=brand).exists()


def test_a_pdf_is_not_a_guide_photo(member, portal_client, brand):
    upload = SimpleUploadedFile("guide.pdf", pdf_bytes(), content_type="application/pdf")
    response = portal_client(member).post(
        url("guide", brand.pk), {"genuine_points": "x", "photo": upload, "alt_text": "A guide", "save": "1"}
    )
    assert response.status_code == 400
    assert "photos only" in response.text


def test_submitting_needs_a_point(member, portal_client, brand):
    response = portal_client(member).post(url("guide", brand.pk), {"genuine_points": " ", "submit": "1"})
    assert response.status_code == 400
    assert "Write at least one point" in response.text


def test_editing_an_approved_guide_sends_it_back_to_review(member, portal_client, approved_guide):
    response = portal_client(member).post(
        url("guide", approved_guide.brand_id),
        {"genuine_points": "A new point.", "packaging_features": "", "save": "1"},
    )
    assert response.status_code == 302
    approved_guide.refresh_from_db()
    assert approved_guide.status == GuideStatus.IN_REVIEW


def test_a_viewer_reads_but_cannot_edit(portal_member, portal_client, holder, approved_guide):
    viewer = portal_member(kind="rights_holder", role="viewer", organisation=holder)
    client = portal_client(viewer)
    page = client.get(url("brand", approved_guide.brand_id))
    assert page.status_code == 200 and "Edit the guide" not in page.text
    assert client.get(url("guide", approved_guide.brand_id)).status_code == 403
    response = client.post(url("guide", approved_guide.brand_id), {"genuine_points": "Changed", "save": "1"})
    assert response.status_code == 403
    assert client.post(url("remove_photo", approved_guide.photos.get().pk)).status_code == 403
    approved_guide.refresh_from_db()
    assert approved_guide.status == GuideStatus.APPROVED and approved_guide.photos.count() == 1


def test_a_marketplace_member_gets_404(portal_member, portal_client, brand):
    marketplace = portal_member(kind="marketplace", role="admin")
    assert portal_client(marketplace).get(url("brands")).status_code == 404


def test_the_menu_shows_brands_to_rights_holders_only(portal_member, portal_client, member):
    assert url("brands") in portal_client(member).get(reverse("portal:home")).text
    marketplace = portal_member(kind="marketplace", role="admin")
    assert url("brands") not in portal_client(marketplace).get(reverse("portal:home")).text
