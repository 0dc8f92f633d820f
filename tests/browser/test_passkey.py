"""Passkeys in real Chromium (its virtual authenticator): add one on the Second factor page, then use it
instead of a code at the next sign-in."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from tests.browser_support import sign_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


def test_a_passkey_is_added_and_then_signs_in_instead_of_a_code(page, live_server, settings, site_tree):
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    officer = UserFactory(username="pat", groups=["Triage officers"])
    base = live_server.url
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )

    sign_in(page, base, "pat", PASSWORD)
    page.goto(base + "/admin/second-factor/")
    page.get_by_role("button", name="Add a passkey or security key").click()
    page.locator("#passkey-register-status-message").filter(has_text="Registration successful").wait_for()
    assert WebAuthnCredential.objects.filter(user=officer, confirmed=True).count() == 1

    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "pat")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/second-factor/verify/**")
    page.get_by_role("button", name="Use my passkey").click()
    page.wait_for_url(base + "/admin/")
    page.goto(base + "/admin/triage/")
    assert "/admin/triage/" in page.url
