import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from brands import guides
from brands.models import AuthorisedSeller, Brand, BrandName, Guide, SellerKind, Trademark
from partners.models import Partner, PartnerKind
from tests.factories import ProductCategoryFactory, UserFactory
from tests.portal.conftest import portal_client, portal_member  # noqa: F401 - the portal's fixtures
from tests.reports.factories import ReporterContactFactory, ReportFactory, image_bytes


@pytest.fixture
def officer(db):
    return UserFactory(username="olivia", groups=["Triage officers"])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rita", groups=["Brand reviewers"])


@pytest.fixture
def holder(db):
    return Partner.objects.create(name="Volta Brands Inc.", kind=PartnerKind.RIGHTS_HOLDER)


@pytest.fixture
def brand(holder):
    brand = Brand.objects.create(owner=holder, name="Volta")
    BrandName.objects.create(brand=brand, name="Volta Power")
    Trademark.objects.create(
        brand=brand, mark="VOLTA", registration_number="5123456", recordation_number="TMK 21-00123"
    )
    AuthorisedSeller.objects.create(brand=brand, kind=SellerKind.SELLER, value="Volta Official Store, LLC")
    AuthorisedSeller.objects.create(brand=brand, kind=SellerKind.DOMAIN, value="https://www.volta.example/")
    AuthorisedSeller.objects.create(brand=brand, kind=SellerKind.STORE, value="amazon.com/shops/VoltaDirect")
    return brand


def photo_upload(name="genuine-box.png"):
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def add_photo(guide, alt_text="The genuine box's hologram sticker", user=None):
    return guides.add_photo(guide, guides.check_photo(photo_upload(), alt_text), alt_text, user=user)


@pytest.fixture
def approved_guide(brand, reviewer):
    guide = Guide.objects.create(
        brand=brand,
        genuine_points="The logo's V has a notch on genuine chargers.\nThe plug is engraved, never printed.",
        packaging_features="Hologram sticker on the box's left side.",
    )
    add_photo(guide)
    guides.submit(guide, user=None)
    return guides.review(guide, approve=True, reason="", user=reviewer)


@pytest.fixture
def category(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)


@pytest.fixture
def report(category):
    report = ReportFactory(
        product_category=category,
        brand="VOLTA, Inc.",
        description="The charger got very hot.",
        seller_name="cheap-chargers-4u",
        listing_url="https://bargains.example.net/item/1",
    )
    ReporterContactFactory(report=report, name="Ana Reporter", email="ana@example.com", phone="555-0100")
    report.refresh_from_db()
    return report
