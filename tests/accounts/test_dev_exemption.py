"""Only development lets the `make run` demo admin skip the second factor; with DEBUG off it never does."""

import pytest
from django.core.checks import run_checks

from tests.factories import UserFactory

from .conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_admin(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


def test_in_development_the_demo_admin_signs_in_with_the_password_alone(browser, demo_admin, settings, site_tree):
    settings.DEBUG = True
    settings.STAFF_SECOND_FACTOR_EXEMPT_USERNAMES = ["admin"]
    sign_in(browser, "admin")
    assert browser.get("/admin/").status_code == 200
    assert browser.get("/admin/triage/").status_code == 200


def test_with_debug_off_the_exemption_is_ignored_and_the_checks_refuse_it(browser, demo_admin, settings):
    settings.DEBUG = False
    settings.STAFF_SECOND_FACTOR_EXEMPT_USERNAMES = ["admin"]
    sign_in(browser, "admin")
    assert browser.get("/admin/")["Location"].startswith("/admin/second-factor/setup/")
    assert "accounts.E001" in [message.id for message in run_checks()]


def test_other_accounts_are_never_exempt_in_development(browser, settings):
    settings.DEBUG = True
    settings.STAFF_SECOND_FACTOR_EXEMPT_USERNAMES = ["admin"]
    UserFactory(username="olivia", groups=["Triage officers"])
    sign_in(browser, "olivia")
    assert browser.get("/admin/")["Location"].startswith("/admin/second-factor/setup/")


def test_registering_a_passkey_needs_the_existing_second_factor_first(browser, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    olivia = UserFactory(username="olivia", groups=["Triage officers"])
    TOTPDevice.objects.create(user=olivia, name="Phone", confirmed=True)
    sign_in(browser, "olivia")
    response = browser.post("/admin/second-factor/passkeys/registration/begin/", content_type="application/json")
    assert response.status_code == 403
    assert "verify your identity first" in response.json()["detail"]
