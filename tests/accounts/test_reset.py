"""A superuser resets a lost second factor (audit-logged); nobody else can; a command for when no one can sign in."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tests.verified_client import VerifiedClient

from .conftest import sign_in

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = VerifiedClient()
    client.force_login(user)
    return client


def test_a_superuser_resets_someones_second_factor_and_it_is_in_the_audit_log(
    officer, superuser, app_device, recovery_codes, browser
):
    admin = signed_in(superuser)
    listing = admin.get("/admin/second-factor/staff/").content.decode()
    assert "olivia" in listing and f"/admin/second-factor/staff/{officer.pk}/reset/" in listing
    assert f"/admin/second-factor/staff/{officer.pk}/reset/" in admin.get("/admin/users/").content.decode()

    page = admin.get(f"/admin/second-factor/staff/{officer.pk}/reset/").content.decode()
    assert "olivia has 1 authenticator app(s), 0 passkey(s) and 3 recovery code(s)." in page

    unconfirmed = admin.post(f"/admin/second-factor/staff/{officer.pk}/reset/", {})
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm." in unconfirmed.content.decode()
    assert TOTPDevice.objects.filter(user=officer).exists()

    response = admin.post(f"/admin/second-factor/staff/{officer.pk}/reset/", {"confirm": "on"}, follow=True)
    assert "The second factor of olivia was reset." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    entry = ModelLogEntry.objects.get(action="accounts.reset_second_factor")
    assert entry.user == superuser and entry.object_id == str(officer.pk)
    assert entry.data == {"username": "olivia", "devices": 2}
    assert "Second factor reset for olivia" in entry.message

    # At their next sign-in they are taken to set up a new one.
    sign_in(browser, "olivia")
    assert browser.get("/admin/")["Location"].startswith("/admin/second-factor/setup/")


def test_someone_who_is_not_a_superuser_cannot_reset(officer, app_device, db):
    from tests.factories import UserFactory

    colleague = UserFactory(username="carl", groups=["Triage officers"], is_staff=True)
    client = signed_in(colleague)
    for response in (
        client.get(f"/admin/second-factor/staff/{officer.pk}/reset/"),
        client.post(f"/admin/second-factor/staff/{officer.pk}/reset/", {"confirm": "on"}),
        client.get("/admin/second-factor/staff/"),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(user=officer).exists()
    assert not ModelLogEntry.objects.filter(action="accounts.reset_second_factor").exists()


def test_the_command_resets_when_no_superuser_can_sign_in(officer, app_device):
    output = io.StringIO()
    call_command("reset_second_factor", "olivia", stdout=output)
    assert "Removed 1 second-factor device(s) of olivia" in output.getvalue()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    entry = ModelLogEntry.objects.get(action="accounts.reset_second_factor")
    assert entry.user is None and entry.data["username"] == "olivia"
    with pytest.raises(CommandError, match="No account with the username 'nobody'"):
        call_command("reset_second_factor", "nobody")
