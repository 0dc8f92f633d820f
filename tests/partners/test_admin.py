"""Partner managers onboard partners in the admin: a key is shown once, stored hashed, and can be revoked."""

import re

import pytest

from partners import keys
from partners.models import ApiCall, ApiKey, Partner, Scope
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    return UserFactory(username="pat", groups=["Partner managers"])


def test_a_manager_creates_a_key_and_sees_it_once(client, manager, market_a):
    client.force_login(manager)
    response = client.post(
        "/admin/api-keys/new/",
        {"partner": market_a.pk, "name": "Takedown sync", "scopes": ["reports:read-own-referrals", "reports:respond"]},
    )
    # Post/redirect/get: the key is made by the POST and shown by the page it redirects to.
    assert response.status_code == 302
    api_key = ApiKey.objects.get(partner=market_a)
    assert response["Location"] == f"/admin/api-keys/created/{api_key.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    shown = re.search(r'id="new-api-key"[^>]* value="(cbp_[A-Za-z0-9]{8}_[^"]+)"', page.content.decode()).group(1)

    assert api_key.scopes == ["reports:read-own-referrals", "reports:respond"]
    assert api_key.created_by == manager
    assert keys.find_usable(shown) == api_key
    # Nowhere to see it again: not in the listing, nor on the key's own page.
    for url in ("/admin/api-keys/", f"/admin/api-keys/inspect/{api_key.pk}/", f"/admin/api-keys/edit/{api_key.pk}/"):
        page = client.get(url)
        assert page.status_code == 200
        assert shown not in page.content.decode()
    assert api_key.prefix in client.get("/admin/api-keys/").content.decode()


def test_reloading_the_new_key_page_shows_it_no_more_and_makes_no_other_key(client, manager, market_a):
    client.force_login(manager)
    created = client.post(
        "/admin/api-keys/new/", {"partner": market_a.pk, "name": "Sync", "scopes": ["reports:respond"]}, follow=True
    )
    first = created.content.decode()
    shown = re.search(r'value="(cbp_[^"]+)"', first).group(1)
    assert "Copy" in first

    reloaded = client.get(created.redirect_chain[-1][0])
    assert reloaded.status_code == 200
    text = reloaded.content.decode()
    assert shown not in text
    assert "This key was already shown" in text
    assert "make a new one" in text
    assert ApiKey.objects.count() == 1


def test_another_staff_member_cannot_read_a_new_key_page(client, manager, market_a):
    client.force_login(manager)
    response = client.post(
        "/admin/api-keys/new/", {"partner": market_a.pk, "name": "Sync", "scopes": ["reports:respond"]}
    )
    client.force_login(UserFactory(username="tom", groups=["Triage officers"]))
    assert client.get(response["Location"]).status_code in (302, 403)


def test_scopes_are_shown_by_their_names_not_their_codes(client, manager, market_a):
    api_key, _key = keys.create_key(partner=market_a, name="sync", scopes=["reports:read-own-referrals"])
    client.force_login(manager)
    label = dict(Scope.choices)["reports:read-own-referrals"]
    for url in ("/admin/api-keys/", f"/admin/api-keys/inspect/{api_key.pk}/"):
        text = client.get(url).content.decode()
        assert str(label) in text
        assert "reports:read-own-referrals" not in text
        assert "[&#x27;" not in text


def test_revoking_a_key_stops_it_at_once_and_is_in_the_audit_log(client, manager, market_a):
    from wagtail.models import ModelLogEntry

    api_key, key = keys.create_key(partner=market_a, name="sync", scopes=["reports:read-own-referrals"])
    client.force_login(manager)
    response = client.post(f"/admin/api-keys/edit/{api_key.pk}/", {"name": "sync", "revoke": "on"})
    assert response.status_code == 302
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None and api_key.revoked_by == manager
    assert client.get("/api/v1/partner/referrals", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert ModelLogEntry.objects.for_instance(api_key).filter(action="partners.revoke_key").exists()


def test_a_key_needs_at_least_one_scope(client, manager, market_a):
    client.force_login(manager)
    response = client.post("/admin/api-keys/new/", {"partner": market_a.pk, "name": "No scopes"})
    assert response.status_code == 200
    assert not ApiKey.objects.exists()
    assert "This field is required" in response.content.decode()


@pytest.mark.parametrize("groups", [["Editors"], ["Triage officers"], ["Vetting officers"]])
def test_other_staff_cannot_reach_partners_or_keys(client, market_a, groups):
    client.force_login(UserFactory(groups=groups))
    for url in ("/admin/api-partners/", "/admin/api-keys/", "/admin/api-keys/new/", "/admin/api-calls/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url


@pytest.mark.parametrize("who", ["manager", "superuser"])
def test_the_call_log_is_read_only_even_for_superusers(client, manager, market_a, key_a, who):
    user = manager if who == "manager" else UserFactory(is_superuser=True, is_staff=True)
    client.get("/api/v1/partner/referrals", HTTP_AUTHORIZATION=f"Bearer {key_a}")
    call = ApiCall.objects.get()
    client.force_login(user)
    listing = client.get("/admin/api-calls/")
    assert listing.status_code == 200
    assert "/api/v1/partner/referrals" in listing.content.decode()
    assert client.get(f"/admin/api-calls/inspect/{call.pk}/").status_code == 200
    assert client.get("/admin/api-calls/new/").status_code == 404
    assert client.get(f"/admin/api-calls/edit/{call.pk}/").status_code == 404


def test_nobody_deletes_a_partner_or_a_key(client, market_a, officer, category):
    from tests.partners.conftest import reported
    from triage import operations

    operations.refer(agency="marketplace", note="", user=officer, report=reported(category), recipient=market_a)
    api_key, _key = keys.create_key(partner=market_a, name="sync", scopes=["reports:respond"])
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in (f"/admin/api-partners/delete/{market_a.pk}/", f"/admin/api-keys/delete/{api_key.pk}/"):
        assert client.post(url).status_code in (302, 403)
    assert Partner.objects.filter(pk=market_a.pk).exists() and ApiKey.objects.filter(pk=api_key.pk).exists()
    assert client.get("/admin/api-partners/").status_code == 200


def test_staff_refer_a_report_to_an_api_partner(client, officer, category, market_a):
    from tests.partners.conftest import reported

    report = reported(category)
    client.force_login(officer)
    response = client.post(
        f"/admin/triage/{report.pk}/refer/",
        {"agency": "marketplace", "recipient": market_a.pk, "note": "Please look"},
    )
    assert response.status_code == 302
    assert report.referrals.get().recipient == market_a


def test_an_inactive_partner_cannot_be_chosen(client, officer, category, market_a):
    from tests.partners.conftest import reported

    Partner.objects.filter(pk=market_a.pk).update(active=False)
    report = reported(category)
    client.force_login(officer)
    client.post(f"/admin/triage/{report.pk}/refer/", {"agency": "marketplace", "recipient": market_a.pk})
    assert not report.referrals.exists()


def test_the_report_page_offers_the_partner_whose_store_it_is_unticked(client, officer, category, market_a, market_b):
    from django.urls import reverse

    from tests.partners.conftest import reported

    client.force_login(officer)
    on_a = reported(category, listing_url="https://www.bargainmart.example.com/item/1")
    page = client.get(reverse("triage:inspect", args=[on_a.pk])).content.decode()
    assert "Also share with BargainMart (listing on bargainmart.example.com)" in page
    box = re.search(r'<input type="checkbox" name="share_with_suggested"[^>]*>', page).group(0)
    assert "checked" not in box
    assert " selected>BargainMart" not in page and " selected>ShopCircle" not in page

    elsewhere = reported(category, listing_url="https://unknown-shop.example/item/1")
    page = client.get(reverse("triage:inspect", args=[elsewhere.pk])).content.decode()
    assert "Also share with" not in page
    assert " selected>BargainMart" not in page and " selected>ShopCircle" not in page


def test_demo_partners_load_once(db):
    from partners.demo import DEMO_PARTNERS, load_demo_partners

    assert load_demo_partners() == len(DEMO_PARTNERS)
    assert load_demo_partners() == 0
    assert not ApiKey.objects.exists()


def test_partner_domains_must_be_real_domains(client, manager):
    client.force_login(manager)
    response = client.post(
        "/admin/api-partners/new/", {"name": "Too broad", "kind": "marketplace", "domains": "shop.example\ncom"}
    )
    assert response.status_code == 200
    assert "Not valid: com" in response.content.decode()
    assert not Partner.objects.filter(name="Too broad").exists()
    client.post("/admin/api-partners/new/", {"name": "Fine", "kind": "marketplace", "domains": "www.Shop.example\n"})
    assert Partner.objects.get(name="Fine").domain_list == ["shop.example"]


def test_a_partner_is_never_sent_a_report_about_another_marketplaces_store(client, officer, category, market_a):
    from django.urls import reverse

    from tests.partners.conftest import reported
    from triage import operations

    elsewhere = reported(category, listing_url="https://shopcircle.example/p/5")
    client.force_login(officer)
    response = client.post(
        f"/admin/triage/{elsewhere.pk}/refer/", {"agency": "marketplace", "recipient": market_a.pk}, follow=True
    )
    assert not elsewhere.referrals.exists()
    assert "BargainMart can only be sent reports about listings on its own stores" in response.content.decode()

    mixed = operations.link_to_case([reported(category), elsewhere], user=officer, title="Mixed")
    response = client.post(
        reverse("triage-cases:refer", args=[mixed.pk]),
        {"agency": "marketplace", "recipient": market_a.pk},
        follow=True,
    )
    assert not mixed.referrals.exists()
    assert elsewhere.tracking_number in response.content.decode()
