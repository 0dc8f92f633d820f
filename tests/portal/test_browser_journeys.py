"""The portal in real Chromium: accept an invitation (password, authenticator app, recovery codes), rotate an API
key, sign out and in again with password + code; axe on every portal page on the way, at desktop and phone
widths; and the pages under the site's real Content-Security-Policy."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners import keys
from partners.models import ApiKey
from portal import invitations
from portal.models import Membership
from tests.browser_support import PHONE, app_code, axe_violations
from tests.portal.browser_support import sign_in_to_portal
from tests.portal.members import PASSWORD, new_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCOPES = ["reports:read-own-referrals", "reports:respond"]


def check(page, visited):
    """axe on the page; remember where we were."""
    visited.append(page.url)
    assert axe_violations(page) == [], page.url


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_accept_an_invitation_then_rotate_a_key(page, live_server, site_tree):
    base = live_server.url
    organisation = new_organisation("marketplace", name="BargainMart")
    old_key, old_text = keys.create_key(partner=organisation, name="takedown sync", scopes=SCOPES)
    _invitation, link = invitations.invite(
        organisation=organisation, email="ana@bargainmart.example", role="admin", invited_by=None
    )
    visited = []

    page.goto(base + re.search(r"/portal/invitation/.+$", link).group(0))
    assert page.get_by_text("BargainMart").first.is_visible()
    check(page, visited)
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Last name").fill("Lopez")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("Type the password again").fill("short")
    page.get_by_role("button", name="Set my password and continue").click()
    assert page.get_by_text("This password is too short").first.is_visible()
    check(page, visited)  # the errors too
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Set my password and continue").click()

    page.wait_for_url("**/portal/setup/**")
    assert page.locator(".portal-qr svg").is_visible()
    check(page, visited)
    device = TOTPDevice.objects.get(user__email="ana@bargainmart.example", confirmed=False)
    page.get_by_label("Code from your authenticator app").fill(app_code(device))
    page.get_by_role("button", name="Confirm and continue").click()

    page.wait_for_url("**/portal/account/recovery-codes/**")
    assert page.locator(".portal-codes li").count() == 10
    check(page, visited)
    page.get_by_role("link", name="I have saved them: continue").click()

    page.wait_for_url(base + "/portal/")
    assert page.get_by_role("heading", name="BargainMart").is_visible()
    assert page.get_by_text("Marketplace").first.is_visible()
    check(page, visited)

    page.get_by_role("navigation", name="Partner portal").get_by_role("link", name="API keys").click()
    page.wait_for_url("**/portal/keys/")
    check(page, visited)
    page.get_by_role("link", name="Replace takedown sync").click()
    page.wait_for_url("**/portal/keys/new/**")
    check(page, visited)
    page.get_by_label("Name", exact=True).fill("takedown sync 2026")
    stop_on = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Date the old key stops working").fill(stop_on.isoformat())
    page.get_by_role("button", name="Make the key").click()

    page.wait_for_url("**/portal/keys/*/created/")
    new_text = page.locator("#new-api-key").input_value()
    assert new_text.startswith("cbp_")
    check(page, visited)
    client = Client()
    for text in (old_text, new_text):
        assert client.get("/api/v1/partner/referrals", HTTP_AUTHORIZATION=f"Bearer {text}").status_code == 200
    old_key.refresh_from_db()
    assert timezone.localtime(old_key.expires_at).date() == stop_on
    page.reload()
    assert page.get_by_text("This key was already shown").is_visible()

    page.goto(base + "/portal/keys/")
    assert page.get_by_text("Works until").first.is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/portal/sign-in/")
    check(page, visited)

    # Back in with the password and a code from the app, as on any other day.
    sign_in_to_portal(page, live_server, Membership.objects.get(user__email="ana@bargainmart.example"))
    assert page.get_by_role("heading", name="BargainMart").is_visible()
    assert ApiKey.objects.filter(partner=organisation).count() == 2
    assert len(visited) >= 9


def test_the_portal_at_phone_width(page, live_server, site_tree, portal_member):
    page.set_viewport_size(PHONE)
    member = portal_member(kind="carrier", role="admin")
    keys.create_key(partner=member.organisation, name="tracking feed", scopes=SCOPES)
    portal_member(kind="carrier", role="viewer", organisation=member.organisation)

    # The pages before signing in.
    for path in ("/portal/password/", "/portal/invitation/not-a-real-link/", "/portal/sign-in/"):
        page.goto(live_server.url + path)
        assert no_sideways_scroll(page), path
        assert axe_violations(page) == [], path
    # The verify page, then home.
    device = TOTPDevice.objects.create(user=member.user, name="Phone", confirmed=True)
    page.get_by_label("Email address").fill(member.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/portal/verify/**")
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.get_by_label("Code from your authenticator app").fill(app_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(live_server.url + "/portal/")

    for path in (
        "/portal/",
        "/portal/users/",
        "/portal/users/invite/",
        "/portal/keys/",
        "/portal/keys/new/",
        "/portal/account/",
    ):
        page.goto(live_server.url + path)
        assert no_sideways_scroll(page), path
        assert axe_violations(page) == [], path
    page.goto(live_server.url + "/portal/users/")
    page.get_by_role("link", name=re.compile("Pat Member")).last.click()
    page.wait_for_url("**/portal/users/*/")
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []


def test_portal_pages_keep_to_the_content_security_policy(csp_page, live_server, site_tree, portal_member):
    page = csp_page
    member = portal_member(kind="rights_holder", role="admin")
    keys.create_key(partner=member.organisation, name="sync", scopes=SCOPES)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in_to_portal(page, live_server, member)
    page.goto(live_server.url + "/portal/keys/new/")
    page.get_by_label("Name", exact=True).fill("second key")
    page.get_by_role("button", name="Make the key").click()
    page.wait_for_url("**/portal/keys/*/created/")
    page.get_by_role("button", name="Copy").click()
    page.get_by_text("Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#new-api-key").input_value()
    for path in ("/portal/", "/portal/users/", "/portal/account/"):
        page.goto(live_server.url + path)
    assert page.csp_violations == [] and page.script_errors == []
