"""A new staff member's first sign-in in real Chromium: password, set up an authenticator app from the QR
code's key, save the recovery codes, reach the triage queue; next time, the code step."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken

from tests.browser_support import app_code, axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


def code_from_key(text):
    """What an authenticator app shows after the person typed the key printed under the QR code."""
    secret = text.replace(" ", "")
    return f"{TOTP(b32decode(secret + '=' * (-len(secret) % 8))).token():06d}"


def test_first_sign_in_sets_up_the_second_factor_then_the_code_step_signs_in(page, live_server, site_tree):
    officer = UserFactory(username="nina", first_name="Nina", groups=["Triage officers"])
    base = live_server.url

    page.goto(base + "/admin/triage/")
    page.fill("#id_username", "nina")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/second-factor/setup/**")
    assert page.get_by_role("heading", name="Set up your second factor").is_visible()
    assert page.locator(".second-factor-qr svg").is_visible()
    assert axe_violations(page) == []

    code_box = page.get_by_label("Code from your authenticator app")
    assert code_box.get_attribute("autocomplete") == "one-time-code"
    assert code_box.get_attribute("inputmode") == "numeric"
    code_box.fill("000000")
    page.get_by_role("button", name="Confirm and continue").click()
    assert "That code did not work" in page.locator("#id_code-error").inner_text()

    # The throttle after a wrong code (1 second) has passed by the time a person reads the message.
    page.wait_for_timeout(1100)
    page.get_by_label("Code from your authenticator app").fill(
        code_from_key(page.locator(".second-factor-secret").inner_text())
    )
    page.get_by_role("button", name="Confirm and continue").click()
    page.wait_for_url("**/admin/second-factor/recovery-codes/**")
    shown = page.locator(".recovery-codes li").all_inner_texts()
    assert sorted(shown) == sorted(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(shown) == 10
    page.get_by_role("link", name="I have saved them: continue").click()
    page.wait_for_url(base + "/admin/triage/")
    assert page.get_by_role("heading", name="Reports").first.is_visible() or "triage" in page.url

    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "nina")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/second-factor/verify/**")
    assert axe_violations(page) == []
    page.get_by_label("Code from your authenticator app").fill(app_code(officer.totpdevice_set.get()))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(base + "/admin/")
