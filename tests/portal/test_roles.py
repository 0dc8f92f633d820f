"""Roles inside an organisation: administrators change roles and switch users off, only in their own organisation,
and never leave it without an active administrator."""

import pytest
from wagtail.models import ModelLogEntry

from portal.models import Membership

pytestmark = pytest.mark.django_db


def change(client, member, role, active=True):
    data = {"role": role}
    if active:
        data["active"] = "on"
    return client.post(f"/portal/users/{member.pk}/", data)


def test_an_admin_changes_a_role_and_switches_a_user_off(portal_member, portal_client):
    admin = portal_member(role="admin")
    responder = portal_member(role="responder", organisation=admin.organisation)
    client = portal_client(admin)
    page = client.get("/portal/users/").content.decode()
    assert responder.user.email in page

    assert change(client, responder, "viewer")["Location"] == "/portal/users/"
    responder.refresh_from_db()
    assert responder.role == "viewer"
    assert ModelLogEntry.objects.filter(action="portal.change_member", user=admin.user).exists()

    responder_client = portal_client(responder)
    assert responder_client.get("/portal/").status_code == 200
    change(client, responder, "viewer", active=False)
    assert responder_client.get("/portal/").status_code == 403


def test_the_last_admin_cannot_demote_or_switch_off_themselves(portal_member, portal_client):
    admin = portal_member(role="admin")
    client = portal_client(admin)
    for role, active in (("responder", True), ("admin", False)):
        response = change(client, admin, role, active)
        assert response.status_code == 400
        assert "at least one active administrator" in response.content.decode()
    admin.refresh_from_db()
    assert (admin.role, admin.active) == ("admin", True)

    second = portal_member(role="admin", organisation=admin.organisation)
    assert change(client, admin, "viewer").status_code == 302
    admin.refresh_from_db()
    assert admin.role == "viewer"
    # Now a viewer: the users page is closed to them.
    assert client.get("/portal/users/").status_code == 403
    # And the remaining admin cannot demote themselves either.
    assert change(portal_client(second), second, "viewer").status_code == 400


def test_a_switched_off_admin_does_not_count(portal_member, portal_client):
    admin = portal_member(role="admin")
    other_admin = portal_member(role="admin", organisation=admin.organisation)
    Membership.objects.filter(pk=other_admin.pk).update(active=False)
    assert change(portal_client(admin), admin, "responder").status_code == 400


def test_an_admin_cannot_change_another_organisations_user(portal_member, portal_client):
    admin = portal_member(role="admin")
    stranger = portal_member(role="admin")
    response = change(portal_client(admin), stranger, "viewer", active=False)
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert (stranger.role, stranger.active) == ("admin", True)


def test_responders_and_viewers_see_home_but_not_users_or_keys(portal_member, portal_client):
    for role in ("responder", "viewer"):
        client = portal_client(portal_member(role=role))
        home = client.get("/portal/").content.decode()
        assert "/portal/users/" not in home and "/portal/keys/" not in home
        assert client.get("/portal/users/").status_code == 403
        assert client.get("/portal/keys/").status_code == 403


def test_home_says_the_organisation_its_kind_and_what_the_member_can_do(portal_member, portal_client):
    admin = portal_member(kind="agency", role="admin", agency="cpsc")
    home = portal_client(admin).get("/portal/").content.decode()
    assert admin.organisation.name in home
    assert "Federal agency" in home and "CPSC" in home
    assert "Administrator" in home
    assert 'href="/portal/users/"' in home and 'href="/portal/keys/"' in home


def test_the_admin_lists_portal_users_for_partner_managers(client, portal_member):
    from tests.factories import UserFactory

    member = portal_member(role="viewer")
    client.force_login(UserFactory(username="pat", groups=["Partner managers"]))
    assert member.user.email in client.get("/admin/portal-users/").content.decode()
    response = client.post(f"/admin/portal-users/edit/{member.pk}/", {"role": "responder", "active": ""})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.active) == ("responder", False)


def test_a_partner_manager_resets_a_portal_users_lost_second_factor(client, portal_member):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import second_factor
    from tests.factories import UserFactory

    member = portal_member(role="viewer")
    TOTPDevice.objects.create(user=member.user, name="Phone", confirmed=True)
    manager = UserFactory(username="pat", groups=["Partner managers"])
    client.force_login(manager)
    url = f"/admin/portal-users/reset-second-factor/{member.pk}/"
    assert url in client.get("/admin/portal-users/").content.decode()
    assert client.post(url, {}).status_code == 400  # the box must be ticked
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert not second_factor.has_any_device(member.user)
    assert ModelLogEntry.objects.filter(action="accounts.reset_second_factor", user=manager).exists()

    officer = UserFactory(username="olivia", groups=["Triage officers"])
    client.force_login(officer)
    assert client.get(url).status_code in (302, 403)
