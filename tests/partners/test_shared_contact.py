"""A referral to a marketplace carries the reporter's contact details only when the reporter agreed to share them."""

import pytest

from partners.models import Partner, PartnerKind
from triage import operations

from .conftest import bearer, new_key, reported

pytestmark = pytest.mark.django_db

REFERRALS = "/api/v1/partner/referrals"
CONTACT = {"name": "Ana Reporter", "email": "ana@example.com", "phone": "555-0100"}


def read(client, key, referral):
    answer = client.get(f"{REFERRALS}/{referral.pk}", **bearer(key))
    assert answer.status_code == 200
    return answer.json()["reports"][0], answer.content.decode()


def refer(report, officer, partner, agency="marketplace"):
    return operations.refer(agency=agency, note="", user=officer, report=report, recipient=partner)


def test_with_consent_a_marketplace_referral_carries_the_contact(client, category, officer, market_a, key_a):
    report = reported(category, share_contact_with_marketplace=True)
    shared, _text = read(client, key_a, refer(report, officer, market_a))
    assert shared["reporter_contact"] == CONTACT


def test_without_consent_the_contact_never_leaves(client, category, officer, market_a, key_a):
    report = reported(category, share_contact_with_marketplace=False)
    shared, text = read(client, key_a, refer(report, officer, market_a))
    assert shared["reporter_contact"] is None
    for secret in CONTACT.values():
        assert secret not in text


def test_consent_covers_the_marketplace_only_not_another_agency(client, category, officer, market_a, key_a):
    # Referred to the FTC and shared with the partner for information: not a referral to the marketplace.
    report = reported(category, share_contact_with_marketplace=True)
    shared, text = read(client, key_a, refer(report, officer, market_a, agency="ftc"))
    assert shared["reporter_contact"] is None
    assert "ana@example.com" not in text


def test_consent_covers_marketplaces_not_carriers(client, category, officer):
    carrier = Partner.objects.create(name="FastShip", kind=PartnerKind.CARRIER)
    key = new_key(carrier)[1]
    report = reported(category, share_contact_with_marketplace=True, listing_url="")
    shared, text = read(client, key, refer(report, officer, carrier))
    assert shared["reporter_contact"] is None
    assert "ana@example.com" not in text


def test_an_anonymous_report_never_carries_a_contact(client, category, officer, market_a, key_a):
    report = reported(category, share_contact_with_marketplace=True, anonymous=True)
    shared, text = read(client, key_a, refer(report, officer, market_a))
    assert shared["reporter_contact"] is None
    assert "ana@example.com" not in text


def test_in_a_case_only_the_consenting_reporter_is_shared(client, category, officer, market_a, key_a):
    agreed = reported(category, share_contact_with_marketplace=True)
    declined = reported(category, seller_name="volt-deals-2")
    declined.contact.email = "bo@example.com"
    declined.contact.save()
    case = operations.link_to_case([agreed, declined], user=officer, title="Volt deals ring")
    referral = operations.refer(agency="marketplace", note="", user=officer, case=case, recipient=market_a)
    answer = client.get(f"{REFERRALS}/{referral.pk}", **bearer(key_a))
    contacts = {r["tracking_number"]: r["reporter_contact"] for r in answer.json()["reports"]}
    assert contacts == {agreed.tracking_number: CONTACT, declined.tracking_number: None}
    assert "bo@example.com" not in answer.content.decode()


def test_in_a_case_a_buyer_from_another_marketplace_is_never_shared(client, category, officer):
    # A marketplace partner with no store domains on file: the report's own marketplace name decides.
    circle = Partner.objects.create(name="ShopCircle", kind=PartnerKind.MARKETPLACE)
    _key, key_text = new_key(circle)
    here = reported(category, share_contact_with_marketplace=True, marketplace="ShopCircle")
    elsewhere = reported(category, share_contact_with_marketplace=True, marketplace="BargainMart")
    case = operations.link_to_case([here, elsewhere], user=officer, title="Volt deals on two marketplaces")
    referral = operations.refer(agency="marketplace", note="", user=officer, case=case, recipient=circle)
    answer = client.get(f"{REFERRALS}/{referral.pk}", **bearer(key_text))
    contacts = {r["tracking_number"]: r["reporter_contact"] for r in answer.json()["reports"]}
    assert contacts == {here.tracking_number: CONTACT, elsewhere.tracking_number: None}
