"""Which entities a report names: its fields, and phones, emails and product identifiers in its description."""

from reports.models import Report
from targeting.extraction import entities_in
from targeting.kinds import EntityKind as K
from tests.reports.factories import ReporterContactFactory, ReportFactory


def keys(report):
    return {(kind, key) for kind, key, _name in entities_in(report)}


def test_the_fields_give_seller_brand_domain_and_store(db):
    report = ReportFactory(
        seller_name="Lux-Bags LLC", brand="Gucci", listing_url="https://www.luxbags.example/shop/item-9?ref=ad"
    )
    assert keys(report) == {
        (K.SELLER, "lux bags"),
        (K.BRAND, "gucci"),
        (K.DOMAIN, "luxbags.example"),
        (K.STORE, "luxbags.example/shop/item-9"),
    }
    names = {kind: name for kind, _key, name in entities_in(report)}
    assert names[K.SELLER] == "Lux-Bags LLC"  # shown as first written


def test_a_marketplaces_own_domain_is_not_a_store_domain(db):
    report = ReportFactory(listing_url="https://www.amazon.com/shops/volt-deals")
    assert keys(report) == {(K.STORE, "amazon.com/shops/volt-deals")}


def test_phones_emails_and_product_identifiers_in_the_description(db):
    report = ReportFactory(
        description=(
            "The seller told me to call (202) 555-0143 or write to Refunds@Volt-Deals.example. "
            "The box says UPC: 0 36000 29145 2. My order 1234567890123 and parcel 9400 1111 2222 3333 4444 55 "
            "never matched. Barcode 036000291453 looks wrong."
        )
    )
    assert keys(report) == {
        (K.PHONE, "+12025550143"),
        (K.EMAIL, "refunds@volt-deals.example"),
        (K.PRODUCT, "00036000291452"),  # only the one next to "UPC" with a right check digit
    }
    names = {kind: name for kind, _key, name in entities_in(report)}
    assert names[K.PHONE] == "+1 202-555-0143"
    assert names[K.PRODUCT] == "036000291452"


def test_the_reporters_own_phone_and_email_are_never_entities(db):
    report = ReportFactory(description="Reach me at ana@example.com or 202-555-0199. The seller's is 202-555-0143.")
    ReporterContactFactory(report=report, email="Ana@Example.com", phone="(202) 555-0199")
    report = Report.objects.select_related("contact").get(pk=report.pk)
    assert keys(report) == {(K.PHONE, "+12025550143")}


def test_the_reports_upc_is_a_product_entity(db):
    """The UPC the reporter typed in the form's "Numbers on the product" fold links the report to that product."""
    report = ReportFactory()
    assert keys(report) == set()
    report.upc = "4006381333931"
    assert keys(report) == {(K.PRODUCT, "04006381333931")}
