"""Signing in to the portal: password, then a code from the authenticator app (or a recovery code), sign-out,
django-axes lockouts, and the line between the portal and the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from tests.browser_support import app_code, wrong_code
from tests.portal.members import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = "/portal/sign-in/"
VERIFY = "/portal/verify/"


def with_app(membership):
    return TOTPDevice.objects.create(user=membership.user, name="Phone", confirmed=True)


def type_password(client, membership, password=PASSWORD, next_url=None):
    data = {"email": membership.user.email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(SIGN_IN, data)


def test_password_then_app_code_reaches_the_portal(portal_member):
    member = portal_member(kind="carrier", role="responder")
    device = with_app(member)
    client = Client()

    response = type_password(client, member)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    # The password alone opens nothing.
    assert client.get("/portal/")["Location"].startswith(SIGN_IN)

    response = client.post(VERIFY, {"app-code": app_code(device)})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    page = client.get("/portal/")
    assert page.status_code == 200
    assert member.organisation.name in page.content.decode()
    assert "Carrier or express consignment operator" in page.content.decode()


def test_the_page_asked_for_is_opened_after_signing_in(portal_member):
    member = portal_member()
    device = with_app(member)
    client = Client()
    assert client.get("/portal/account/")["Location"] == f"{SIGN_IN}?next=%2Fportal%2Faccount%2F"
    response = type_password(client, member, next_url="/portal/account/")
    response = client.post(response["Location"], {"app-code": app_code(device), "next": "/portal/account/"})
    assert response["Location"] == "/portal/account/"


def test_next_never_leads_off_the_portal(portal_member):
    member = portal_member()
    device = with_app(member)
    client = Client()
    type_password(client, member)
    response = client.post(VERIFY, {"app-code": app_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/portal/"


def test_a_wrong_password_and_a_wrong_code_are_refused_plainly(portal_member):
    member = portal_member()
    device = with_app(member)
    client = Client()
    response = type_password(client, member, password="not-the-password-at-all")
    assert response.status_code == 400
    assert "email address or password is not right" in response.content.decode()

    type_password(client, member)
    wrong = wrong_code(device)
    response = client.post(VERIFY, {"app-code": wrong})
    assert response.status_code == 400
    assert "That code did not work" in response.content.decode()
    assert client.get("/portal/")["Location"].startswith(SIGN_IN)


def test_a_recovery_code_works_once(portal_member):
    member = portal_member()
    with_app(member)
    code = second_factor.new_recovery_codes(member.user)[0]
    client = Client()
    type_password(client, member)
    assert client.post(VERIFY, {"recovery-recovery_code": code})["Location"] == "/portal/"
    assert client.get("/portal/").status_code == 200

    other = Client()
    type_password(other, member)
    response = other.post(VERIFY, {"recovery-recovery_code": code})
    assert response.status_code == 400
    assert "Each code works only once" in response.content.decode()


def test_someone_without_a_second_factor_sets_one_up_first(portal_member):
    member = portal_member()
    client = Client()
    response = type_password(client, member)
    assert response["Location"].startswith("/portal/setup/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code
    device = TOTPDevice.objects.get(user=member.user, confirmed=False)
    response = client.post("/portal/setup/", {"code": app_code(device)})
    assert response["Location"].startswith("/portal/account/recovery-codes/")
    codes_page = client.get(response["Location"]).content.decode()
    assert "shown only this once" in codes_page
    assert second_factor.recovery_codes_left(member.user) == 10
    # Shown once: a reload no longer lists them.
    assert "shown only this once" not in client.get("/portal/account/recovery-codes/").content.decode()
    assert client.get("/portal/").status_code == 200


def test_sign_out(portal_member, portal_client):
    client = portal_client(portal_member())
    response = client.post("/portal/sign-out/")
    assert response["Location"] == SIGN_IN
    assert client.get("/portal/")["Location"].startswith(SIGN_IN)


def test_too_many_wrong_passwords_lock_the_account(portal_member, settings):
    member = portal_member()
    with_app(member)
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        type_password(client, member, password="wrong-password-again")
    response = type_password(client, member)  # now even the right password is refused
    assert response.status_code == 429
    assert "Sign-in locked for now" in response.content.decode()
    assert "Back to sign in" in response.content.decode()


def test_wrong_codes_count_towards_the_lockout(portal_member, settings):
    member = portal_member()
    device = with_app(member)
    client = Client()
    type_password(client, member)
    wrong = wrong_code(device)
    statuses = []
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        # django-otp's back-off would answer "too many codes": let the device try again at once.
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
        statuses.append(client.post(VERIFY, {"app-code": wrong}).status_code)
    assert statuses[-1] == 429
    # Signed out by the lockout: the right code no longer helps.
    assert client.get("/portal/")["Location"].startswith(SIGN_IN)


def test_a_portal_user_never_reaches_the_admin(portal_member, portal_client):
    member = portal_member(role="admin")
    client = portal_client(member)
    assert client.get("/portal/").status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/pages/").status_code == 302
    member.user.refresh_from_db()
    assert not member.user.is_staff


def test_the_admin_sign_in_does_not_let_a_portal_user_in(portal_member):
    member = portal_member(role="admin")
    with_app(member)
    client = Client()
    client.post("/admin/login/", {"username": member.user.username, "password": PASSWORD})
    response = client.get("/admin/", follow=True)
    assert response.request["PATH_INFO"] != "/admin/"
    assert b"Dashboard" not in response.content


def test_staff_cannot_sign_in_through_the_portal_form(db):
    staff = get_user_model().objects.create_user(
        "officer@cbp.example.gov", "officer@cbp.example.gov", PASSWORD, is_staff=True
    )
    response = Client().post(SIGN_IN, {"email": staff.email, "password": PASSWORD})
    assert response.status_code == 400
    # The same answer as a wrong password: the form never confirms a staff password.
    assert "email address or password is not right" in response.content.decode()


def test_staff_signed_in_to_the_admin_get_403_in_the_portal(client, db):
    staff = get_user_model().objects.create_superuser("chief", "chief@cbp.example.gov", PASSWORD)
    client.force_login(staff)
    response = client.get("/portal/")
    assert response.status_code == 403
    assert "cannot use the partner portal" in response.content.decode()


def test_a_switched_off_user_is_refused_at_once(portal_member, portal_client):
    member = portal_member(role="responder")
    client = portal_client(member)
    assert client.get("/portal/").status_code == 200
    member.active = False
    member.save()
    assert client.get("/portal/").status_code == 403
    response = Client().post(SIGN_IN, {"email": member.user.email, "password": PASSWORD})
    assert response.status_code == 400


def test_half_signed_in_staff_stay_anonymous_outside_the_admin(db):
    """The portal's exception in accounts/middleware.py covers only its own second-step pages."""
    staff = get_user_model().objects.create_user("olivia", "olivia@cbp.example.gov", PASSWORD, is_staff=True)
    TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    client = Client()
    client.post("/admin/login/", {"username": "olivia", "password": PASSWORD})
    # Half signed in: the admin wants the code, the portal's verify page does not serve staff.
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:verify"))
    assert client.get(VERIFY)["Location"].startswith(SIGN_IN)
    assert client.get("/portal/")["Location"].startswith(SIGN_IN)


def test_the_portal_speaks_spanish_at_es(portal_member):
    member = portal_member()
    device = with_app(member)
    client = Client()
    page = client.get("/es/portal/sign-in/")
    assert page.status_code == 200 and '<html lang="es"' in page.content.decode()
    assert client.get("/es/portal/")["Location"].startswith("/es/portal/sign-in/")
    response = client.post("/es/portal/sign-in/", {"email": member.user.email, "password": PASSWORD})
    assert response["Location"].startswith("/es/portal/verify/")
    response = client.post("/es/portal/verify/", {"app-code": app_code(device), "next": "/es/portal/"})
    assert response["Location"] == "/es/portal/"
    assert '<html lang="es"' in client.get("/es/portal/").content.decode()
