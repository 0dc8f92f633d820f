"""Which reports are about a registered brand, and which name one of its authorised sellers ("possibly genuine")."""

import pytest
from django.core.exceptions import ValidationError

from brands.matching import brands_named, genuine_signs
from brands.models import AuthorisedSeller, Brand, SellerKind
from partners.models import Partner, PartnerKind
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


def report_with(category, **fields):
    return ReportFactory(product_category=category, **{"brand": "Volta", **fields})


@pytest.mark.parametrize("written", ["Volta", "  VOLTA, Inc. ", "volta llc", "Volta Power", "VOLTA-POWER"])
def test_a_report_names_the_brand_by_any_spelling_or_other_name(brand, category, written):
    assert list(brands_named(report_with(category, brand=written))) == [brand]


def test_another_brand_is_not_named(brand, category):
    assert not brands_named(report_with(category, brand="Voltage")).exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"seller_name": "VOLTA OFFICIAL STORE"},
        {"seller_name": "Volta Official Store, L.L.C."},
        {"listing_url": "https://volta.example/chargers/65w"},
        {"listing_url": "http://WWW.Volta.Example./p?id=1"},
        {"listing_url": "https://shop.volta.example/item"},
        {"listing_url": "https://www.amazon.com/shops/voltadirect/item/1"},
    ],
)
def test_an_authorised_seller_domain_or_store_in_any_spelling_is_flagged(brand, category, fields):
    signs = genuine_signs(report_with(category, **fields))
    assert len(signs) == 1
    assert "Volta" in signs[0].reason


@pytest.mark.parametrize(
    "fields",
    [
        {"listing_url": "https://volta-example.com/item"},
        {"listing_url": "https://voltaexample.com/item"},
        {"listing_url": "https://volta.example.evil.test/item"},
        {"listing_url": "https://myvolta.example/item"},
        {"listing_url": "https://www.amazon.com/shops/voltadirect2/item"},
        {"listing_url": "https://www.amazon.com/item/1"},
        {"seller_name": "Volta Official Store Outlet"},
    ],
)
def test_a_look_alike_is_not_flagged(brand, category, fields):
    assert genuine_signs(report_with(category, **fields)) == []


def test_only_the_named_brands_sellers_count(brand, category):
    other = Brand.objects.create(
        owner=Partner.objects.create(name="Other Holder", kind=PartnerKind.RIGHTS_HOLDER), name="Zephyr"
    )
    AuthorisedSeller.objects.create(brand=other, kind=SellerKind.SELLER, value="Shared Reseller")
    # The report is about Volta: Zephyr's reseller does not make it possibly genuine...
    assert genuine_signs(report_with(category, seller_name="Shared Reseller")) == []
    # ...but with no registered brand named, any brand's authorised seller counts.
    signs = genuine_signs(report_with(category, brand="", seller_name="shared reseller"))
    assert [sign.seller.brand for sign in signs] == [other]


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (SellerKind.DOMAIN, "amazon.com", "marketplace"),
        (SellerKind.DOMAIN, "not a domain", "no spaces"),
        (SellerKind.DOMAIN, "mailto:x@volta.example", "only web addresses"),
        (SellerKind.STORE, "volta.example", "store's path"),
        (SellerKind.SELLER, "...", "letter or digit"),
    ],
)
def test_an_unusable_authorised_entry_is_refused_with_a_reason(brand, kind, value, message):
    with pytest.raises(ValidationError) as raised:
        AuthorisedSeller(brand=brand, kind=kind, value=value).full_clean()
    assert message.lower() in str(raised.value).lower()


def test_keys_use_the_projects_normalisers(brand):
    keys = dict(brand.authorised_sellers.values_list("kind", "key"))
    assert keys == {
        "seller": "volta official store",
        "domain": "volta.example",
        "store": "amazon.com/shops/voltadirect",
    }
