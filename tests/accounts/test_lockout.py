"""django-axes: too many failed sign-ins lock the account and the client address; superusers unlock."""

import logging

import pytest
from axes.models import AccessAttempt

from tests.browser_support import wrong_code
from tests.verified_client import VerifiedClient

from .conftest import app_code, sign_in

pytestmark = pytest.mark.django_db

WRONG = "Not-The-Password-7319"


def fail(client, username, times, address="127.0.0.1", **extra):
    for attempt in range(times):
        response = sign_in(client, username, WRONG, address, **extra)
        assert response.status_code in (200, 429), attempt
    return response


def test_an_account_locks_after_the_limit_and_the_right_password_is_then_refused_from_anywhere(
    browser, officer, settings
):
    response = fail(browser, "olivia", settings.AXES_FAILURE_LIMIT - 1)
    assert response.status_code == 200 and "id_password" in response.content.decode()
    response = sign_in(browser, "olivia", WRONG)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked for now" in page
    assert "You can try again after" in page and "in about 15 minutes" in page
    assert "contact a site administrator" in page
    assert int(response["Retry-After"]) == 15 * 60

    for address in ("127.0.0.1", "203.0.113.9"):
        response = sign_in(browser, "olivia", address=address)
        assert response.status_code == 429, address
        assert "_auth_user_id" not in browser.session
    assert browser.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_client_address_locks_after_failures_on_different_accounts(browser, officer, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(browser, f"guess{number}", WRONG, "198.51.100.7")
    assert sign_in(browser, "olivia", address="198.51.100.7").status_code == 429
    # Another address is not locked, and the account itself had no failures.
    assert sign_in(browser, "olivia", address="198.51.100.8").status_code == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_address_lock(browser, officer, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(browser, f"guess{number}", WRONG, "198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")
    response = sign_in(browser, "olivia", address="198.51.100.7", HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_address_comes_from_forwarded_for(browser, officer, settings):
    settings.REPORTS_TRUSTED_PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(browser, f"guess{number}", WRONG, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert AccessAttempt.objects.filter(ip_address="203.0.113.5").count() == settings.AXES_FAILURE_LIMIT
    assert sign_in(browser, "olivia", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert sign_in(browser, "olivia", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


def test_a_superuser_sees_the_locks_and_unlocks_them(browser, officer, superuser, settings):
    fail(browser, "olivia", settings.AXES_FAILURE_LIMIT, address="192.0.2.44")
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(browser, f"guess{number}", WRONG, "192.0.2.50")
    admin = VerifiedClient()
    admin.force_login(superuser)
    page = admin.get("/admin/locked-sign-ins/").content.decode()
    assert "Account: olivia" in page and "Address: 192.0.2.50" in page

    response = admin.post("/admin/locked-sign-ins/", {"kind": "account", "value": "olivia"}, follow=True)
    assert "olivia can sign in again." in response.content.decode()
    assert sign_in(browser, "olivia", address="192.0.2.45").status_code == 302
    browser.post("/admin/logout/")
    # The other address is still locked, for every account, until it is unlocked too.
    assert sign_in(browser, "olivia", address="192.0.2.50").status_code == 429
    admin.post("/admin/locked-sign-ins/", {"kind": "address", "value": "192.0.2.50"})
    assert sign_in(browser, "olivia", address="192.0.2.50").status_code == 302
    assert "No account or address is locked." in admin.get("/admin/locked-sign-ins/").content.decode()


def test_only_superusers_reach_the_locks(browser, officer, settings):
    fail(browser, "mallory", settings.AXES_FAILURE_LIMIT, address="192.0.2.60")
    client = VerifiedClient()
    client.force_login(officer)
    # Wagtail turns "permission denied" into a redirect to the dashboard with a message.
    response = client.get("/admin/locked-sign-ins/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.post("/admin/locked-sign-ins/", {"kind": "account", "value": "mallory"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert AccessAttempt.objects.filter(username="mallory").exists()


def test_failures_are_logged_without_the_password_or_the_code(browser, officer, app_device, caplog):
    caplog.set_level(logging.DEBUG)
    sign_in(browser, "olivia", WRONG)
    sign_in(browser, "olivia")
    wrong = wrong_code(app_device)
    browser.post("/admin/second-factor/verify/", {"app-code": wrong})
    browser.post("/admin/second-factor/verify/", {"recovery-recovery_code": "secretrecovery"})
    assert "olivia" in caplog.text and "failed" in caplog.text.lower()
    assert WRONG not in caplog.text
    assert "a-long-test-password" not in caplog.text
    assert wrong not in caplog.text and "secretrecovery" not in caplog.text
    stored = " ".join(f"{row.post_data} {row.get_data}" for row in AccessAttempt.objects.all())
    assert WRONG not in stored and wrong not in stored and "secretrecovery" not in stored


def test_a_successful_code_clears_earlier_failures(browser, officer, app_device, settings):
    fail(browser, "olivia", settings.AXES_FAILURE_LIMIT - 1)
    sign_in(browser, "olivia")
    assert browser.post("/admin/second-factor/verify/", {"app-code": app_code(app_device)}).status_code == 302
    assert not AccessAttempt.objects.filter(username="olivia", failures_since_start__gt=0).exists()
