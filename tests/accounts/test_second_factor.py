"""The password alone never reaches the admin; enrolment, the code step and recovery codes work end to end."""

from base64 import b32encode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser_support import wrong_code
from tests.reports.factories import ReportFactory

from .conftest import app_code, sign_in

pytestmark = pytest.mark.django_db

# Pages, listings, JSON endpoints and our own apps' admin screens, including an action a POST would take.
ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/triage/",
    "/admin/triage/results/",
    "/admin/triage-cases/",
    "/admin/triage-trends/",
    "/admin/trusted-importers/",
    "/admin/reports/search-queries/",
    "/admin/tag-autocomplete/?term=fa",
    "/admin/api/main/pages/",
    "/admin/users/",
    "/admin/second-factor/",
    "/admin/second-factor/recovery-codes/",
    "/admin/second-factor/staff/",
    "/admin/locked-sign-ins/",
]


def test_the_password_alone_reaches_no_admin_page_and_no_admin_json(browser, officer, site_tree):
    report = ReportFactory(seller_name="Volt Bargains")
    assert sign_in(browser, "olivia").status_code == 302
    for url in [*ADMIN_URLS, reverse("triage:inspect", args=[report.pk])]:
        response = browser.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/second-factor/setup/?next="), url
        assert b"Volt Bargains" not in response.content
    response = browser.post(reverse("triage:status", args=[report.pk]), {"status": "closed"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status != "closed"
    # Making recovery codes is an admin action too: refused before the second factor.
    assert browser.post("/admin/second-factor/recovery-codes/").status_code == 403
    assert not StaticToken.objects.exists()


def test_the_second_factor_pages_get_the_admins_icons_and_translations(browser, officer):
    # Both are public; redirecting them would paste the setup page into itself where the icons go.
    sign_in(browser, "olivia")
    assert browser.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert browser.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200


def test_a_person_with_a_device_is_asked_for_the_code_and_cannot_enrol_a_new_one_instead(browser, officer, app_device):
    sign_in(browser, "olivia")
    response = browser.get("/admin/triage/")
    assert response["Location"] == "/admin/second-factor/verify/?next=%2Fadmin%2Ftriage%2F"
    response = browser.get("/admin/second-factor/setup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/verify/")
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_outside_the_admin_a_half_signed_in_person_counts_as_signed_out(browser, officer, site_tree):
    sign_in(browser, "olivia")
    response = browser.get("/")
    assert response.status_code == 200
    assert b"wagtail-userbar" not in response.content.lower()


def test_first_sign_in_enrols_an_authenticator_app_then_shows_recovery_codes_once(browser, officer, site_tree):
    assert sign_in(browser, "olivia")["Location"] == "/admin/"
    response = browser.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/second-factor/setup/?next=%2Fadmin%2F"
    page = response.content.decode()
    assert "<svg" in page and "QR code for your authenticator app" in page
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    secret = page.split('class="second-factor-secret">')[1].split("<")[0]
    assert secret.replace(" ", "") in b32encode(device.bin_key).decode()
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    assert "<script>" not in page and " onclick=" not in page

    wrong = browser.post("/admin/second-factor/setup/?next=/admin/", {"code": "12345"})
    assert wrong.status_code == 400
    assert "The code is 6 digits" in wrong.content.decode()
    # The message is tied to the field for screen readers.
    assert 'aria-describedby="id_code-error id_code-helptext"' in wrong.content.decode()
    assert 'id="id_code-error"' in wrong.content.decode()

    response = browser.post("/admin/second-factor/setup/", {"code": app_code(device), "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/recovery-codes/")
    device.refresh_from_db()
    assert device.confirmed

    shown = browser.get(response["Location"]).content.decode()
    codes = list(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in shown for code in codes)
    again = browser.get("/admin/second-factor/recovery-codes/").content.decode()
    assert not any(code in again for code in codes)

    assert browser.get("/admin/triage/").status_code == 200


def test_the_code_step_signs_in_and_goes_on_to_the_page_asked_for(browser, officer, app_device, site_tree):
    sign_in(browser, "olivia")
    page = browser.get("/admin/second-factor/verify/?next=/admin/triage/").content.decode()
    assert 'autocomplete="one-time-code"' in page and "<script>" not in page
    response = browser.post(
        "/admin/second-factor/verify/", {"app-code": app_code(app_device), "next": "/admin/triage/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/triage/"
    assert browser.get("/admin/triage/").status_code == 200


def test_the_code_step_never_redirects_off_site(browser, officer, app_device):
    sign_in(browser, "olivia")
    response = browser.post(
        "/admin/second-factor/verify/", {"app-code": app_code(app_device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_a_code_is_accepted_once(browser, officer, app_device):
    code = app_code(app_device)
    sign_in(browser, "olivia")
    assert browser.post("/admin/second-factor/verify/", {"app-code": code}).status_code == 302
    browser.post("/admin/logout/")
    sign_in(browser, "olivia")
    response = browser.post("/admin/second-factor/verify/", {"app-code": code})
    assert response.status_code == 400
    assert "That code did not work" in response.content.decode()
    assert 'aria-describedby="id_app-code-error id_app-code-helptext"' in response.content.decode()


def test_a_recovery_code_works_once(browser, officer, app_device, recovery_codes, site_tree):
    sign_in(browser, "olivia")
    response = browser.post("/admin/second-factor/verify/", {"recovery-recovery_code": "ALPHA123"})
    assert response.status_code == 302
    assert browser.get("/admin/triage/").status_code == 200
    assert not StaticToken.objects.filter(token="alpha123").exists()

    browser.post("/admin/logout/")
    sign_in(browser, "olivia")
    response = browser.post("/admin/second-factor/verify/", {"recovery-recovery_code": "alpha123"})
    assert response.status_code == 400
    assert "That recovery code did not work" in response.content.decode()
    assert browser.get("/admin/triage/").status_code == 302


def test_a_verified_person_makes_new_recovery_codes_and_the_old_ones_stop_working(browser, officer, recovery_codes):
    from tests.verified_client import VerifiedClient

    client = VerifiedClient()
    client.force_login(officer)
    response = client.post("/admin/second-factor/recovery-codes/", follow=True)
    new_codes = list(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert len(new_codes) == 10 and not set(recovery_codes) & set(new_codes)
    assert all(code in response.content.decode() for code in new_codes)


def test_wrong_codes_lock_the_account_out_and_the_right_code_then_does_not_help(
    browser, officer, app_device, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's back-off is its own test below; here only the cap
    sign_in(browser, "olivia")
    wrong = wrong_code(app_device)
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = browser.post("/admin/second-factor/verify/", {"app-code": wrong})
        assert response.status_code == 400, attempt
    response = browser.post("/admin/second-factor/verify/", {"app-code": wrong})
    assert response.status_code == 429
    assert "Sign-in locked for now" in response.content.decode()
    # Signed out: the session no longer counts as signed in.
    assert browser.get("/admin/")["Location"].startswith("/admin/login/")
    # Signing in again, even with the right password, is refused until the wait is over.
    response = sign_in(browser, "olivia")
    assert response.status_code == 429
    assert browser.get("/admin/")["Location"].startswith("/admin/login/")


def test_after_a_wrong_code_django_otp_makes_the_next_try_wait(browser, officer, app_device):
    sign_in(browser, "olivia")
    browser.post("/admin/second-factor/verify/", {"app-code": wrong_code(app_device)})
    response = browser.post("/admin/second-factor/verify/", {"app-code": app_code(app_device)})
    assert response.status_code == 429
    assert "Too many wrong codes in a row" in response.content.decode()
    assert browser.get("/admin/triage/").status_code == 302
