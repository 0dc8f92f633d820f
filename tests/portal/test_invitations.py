"""Invitations: a CBP partner manager (Wagtail admin) or an organisation administrator (portal) invites someone;
the emailed link works once, until it expires, and leads through password, authenticator app and recovery codes."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts import second_factor
from partners.models import Partner, PartnerKind
from portal import invitations
from portal.models import Invitation, Membership
from tests.browser_support import app_code
from tests.factories import UserFactory
from tests.portal.members import PASSWORD

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/portal/invitation/[A-Za-z0-9_-]+/)")


@pytest.fixture
def manager(db):
    return UserFactory(username="pat", groups=["Partner managers"])


@pytest.fixture
def market(db):
    return Partner.objects.create(name="BargainMart", kind=PartnerKind.MARKETPLACE)


def emailed_link(to):
    message = next(message for message in reversed(mail.outbox) if message.to == [to])
    return LINK.search(message.body).group(1)


def accept(client, link, password=PASSWORD, **fields):
    data = {"first_name": "Ana", "last_name": "Lopez", "password1": password, "password2": password, **fields}
    return client.post(link, data)


def test_a_partner_manager_invites_from_the_admin(client, manager, market, django_capture_on_commit_callbacks):
    client.force_login(manager)
    assert client.get("/admin/portal-invitations/new/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/portal-invitations/new/",
            {"organisation": market.pk, "email": "Ana@BargainMart.example", "role": "admin"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.organisation, invitation.role) == ("ana@bargainmart.example", market, "admin")
    assert invitation.invited_by == manager
    assert invitation.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert mail.outbox[-1].to == ["ana@bargainmart.example"]
    assert "BargainMart" in mail.outbox[-1].subject
    link = emailed_link("ana@bargainmart.example")
    token = link.rstrip("/").rsplit("/", 1)[1]
    # Only a hash is kept: the token itself is nowhere in the database row.
    assert token not in str(Invitation.objects.values().get()) and invitation.token_hash == invitations.hash_token(
        token
    )
    assert ModelLogEntry.objects.filter(action="portal.invite", user=manager).exists()
    assert "ana@bargainmart.example" in client.get("/admin/portal-invitations/").content.decode()


def test_other_staff_cannot_invite(client, market):
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    client.force_login(officer)
    response = client.post(
        "/admin/portal-invitations/new/", {"organisation": market.pk, "email": "x@example.com", "role": "admin"}
    )
    assert response.status_code in (302, 403)
    assert not Invitation.objects.exists()


def test_accepting_sets_a_password_then_an_app_then_recovery_codes(market, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(organisation=market, email="ana@bargainmart.example", role="responder", invited_by=None)
    link = emailed_link("ana@bargainmart.example")
    client = Client()
    page = client.get(link)
    assert page.status_code == 200 and "BargainMart" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"

    # The project's password validators apply.
    response = accept(client, link, password="password1234")
    assert response.status_code == 400
    assert "too common" in response.content.decode() or "guess" in response.content.decode()
    assert not Membership.objects.exists()

    response = accept(client, link)
    assert response["Location"] == "/portal/setup/"
    user = get_user_model().objects.get(email="ana@bargainmart.example")
    assert not user.is_staff and user.check_password(PASSWORD)
    assert (user.portal_membership.organisation, user.portal_membership.role) == (market, "responder")
    # Not in yet: the second factor comes first.
    assert client.get("/portal/")["Location"].startswith("/portal/sign-in/")

    assert client.get("/portal/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/portal/setup/", {"code": app_code(device)})
    assert client.get(response["Location"]).status_code == 200
    assert second_factor.recovery_codes_left(user) == 10
    assert client.get("/portal/").status_code == 200


def test_a_used_link_says_so(market):
    _invitation, link = invitations.invite(organisation=market, email="ana@b.example", role="viewer", invited_by=None)
    path = LINK.search(link).group(1)
    accept(Client(), path)
    again = Client().get(path)
    assert again.status_code == 410
    assert "already used" in again.content.decode()
    assert accept(Client(), path).status_code == 410
    assert Membership.objects.count() == 1


def test_an_expired_link_says_so(market):
    invitation, link = invitations.invite(organisation=market, email="ana@b.example", role="viewer", invited_by=None)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    path = LINK.search(link).group(1)
    response = Client().get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode() and "send a new one" in response.content.decode()
    assert accept(Client(), path).status_code == 410
    assert not Membership.objects.exists()


def test_a_wrong_or_replaced_link_says_so(market):
    _first, first_link = invitations.invite(organisation=market, email="ana@b.example", role="viewer", invited_by=None)
    _second, second_link = invitations.invite(
        organisation=market, email="ana@b.example", role="viewer", invited_by=None
    )
    wrong = Client().get("/portal/invitation/not-a-real-token/")
    assert wrong.status_code == 404
    assert "copied the whole link" in wrong.content.decode()
    # Inviting again withdraws the earlier link.
    assert Client().get(LINK.search(first_link).group(1)).status_code == 404
    assert Client().get(LINK.search(second_link).group(1)).status_code == 200


def test_staff_addresses_and_existing_users_cannot_be_invited(client, manager, market, portal_member):
    UserFactory(username="olivia", email="olivia@cbp.example.gov", is_staff=True)
    client.force_login(manager)
    response = client.post(
        "/admin/portal-invitations/new/",
        {"organisation": market.pk, "email": "olivia@cbp.example.gov", "role": "viewer"},
    )
    assert response.status_code == 200
    assert "belongs to a CBP staff account" in response.content.decode()
    member = portal_member()
    with pytest.raises(invitations.InvitationRefused):
        invitations.invite(organisation=market, email=member.user.email, role="viewer", invited_by=manager)
    assert not Invitation.objects.exists()


def test_an_organisation_admin_invites_to_their_own_organisation_only(
    portal_member, portal_client, django_capture_on_commit_callbacks
):
    admin = portal_member(role="admin")
    other = portal_member(role="admin")
    client = portal_client(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/portal/users/invite/",
            {"email": "new@org.example", "role": "viewer", "organisation": other.organisation.pk},
        )
    assert response["Location"] == "/portal/users/"
    invitation = Invitation.objects.get()
    assert invitation.organisation == admin.organisation
    assert invitation.invited_by == admin.user
    assert "new@org.example" in client.get("/portal/users/").content.decode()
    assert "new@org.example" not in portal_client(other).get("/portal/users/").content.decode()
    assert emailed_link("new@org.example")


def test_an_organisation_admin_withdraws_an_invitation(portal_member, portal_client):
    admin = portal_member(role="admin")
    invitation, link = invitations.invite(
        organisation=admin.organisation, email="x@org.example", role="viewer", invited_by=None
    )
    response = portal_client(admin).post(f"/portal/users/invitations/{invitation.pk}/withdraw/")
    assert response.status_code == 302
    assert Client().get(LINK.search(link).group(1)).status_code == 404


def test_a_bad_invite_form_says_what_to_fix(portal_member, portal_client):
    client = portal_client(portal_member(role="admin"))
    response = client.post("/portal/users/invite/", {"email": "not an address", "role": "owner"})
    assert response.status_code == 400
    assert (
        "Enter a valid email address" in response.content.decode()
        or "Enter an email address" in response.content.decode()
    )
    assert not Invitation.objects.exists()
