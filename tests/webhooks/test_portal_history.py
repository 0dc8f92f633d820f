"""An organisation's administrators see what was done to their own webhook endpoint, through the portal's real URLs:
when, who (their own people by name; anyone else only as CBP staff), what happened in plain words; never a secret.
Another organisation's endpoint is 404; a member who is not an administrator is refused as on the other endpoint
pages."""

import re

import pytest

from tests.factories import UserFactory
from tests.webhooks.conftest import endpoint_for, portal_url
from webhooks import endpoints
from webhooks.models import Endpoint

pytestmark = pytest.mark.django_db

OLD_ADDRESS = "https://hooks.example.com/cbp"
NEW_ADDRESS = "https://hooks.example.com/cbp-live"


def history_of(client, endpoint):
    response = client.get(portal_url("history", pk=endpoint.pk))
    assert response.status_code == 200
    return response.content.decode()


def rows(page):
    """Each table row's cells as plain text, in order."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_admin_sees_what_they_did_newest_first_and_the_endpoint_page_links_to_it(admin, portal_client):
    client = portal_client(admin)
    client.post(portal_url("new_endpoint"), {"url": OLD_ADDRESS, "description": "Queue"})
    endpoint = Endpoint.objects.get(organisation=admin.organisation)
    assert (
        client.post(portal_url("edit", pk=endpoint.pk), {"url": NEW_ADDRESS, "description": "Queue"}).status_code
        == 302
    )
    assert client.post(portal_url("enabled", pk=endpoint.pk), {"enabled": "off"}).status_code == 302

    assert portal_url("history", pk=endpoint.pk) in client.get(portal_url("endpoint", pk=endpoint.pk)).content.decode()
    page = history_of(client, endpoint)
    assert "<caption>" in page
    name = admin.user.get_full_name()
    assert [row[1:] for row in rows(page)] == [
        [name, "Disabled the endpoint: it got nothing until enabled again"],
        [name, f"Changed the address from “{OLD_ADDRESS}” to “{NEW_ADDRESS}”"],
        [name, f"Added the endpoint, with the address {OLD_ADDRESS}"],
    ]


def test_no_secret_appears_after_rotations(admin, portal_client):
    client = portal_client(admin)
    client.post(portal_url("new_endpoint"), {"url": OLD_ADDRESS})
    endpoint = Endpoint.objects.get(organisation=admin.organisation)
    secrets = [endpoint.secret]
    for keep in ("later", "now"):
        made_at = re.search(
            r'name="made_at" value="([^"]+)"', client.get(portal_url("rotate", pk=endpoint.pk)).content.decode()
        ).group(1)
        assert (
            client.post(portal_url("rotate", pk=endpoint.pk), {"old_secret": keep, "made_at": made_at}).status_code
            == 302
        )
        endpoint.refresh_from_db()
        secrets.append(endpoint.secret)

    page = history_of(client, endpoint)
    what = [row[2] for row in rows(page)]
    assert what[0] == "Made a new secret; the previous one stopped signing at once"
    assert what[1].startswith("Made a new secret; the previous one signed beside it until ")
    assert "whsec_" not in page
    for secret in secrets:
        assert secret.removeprefix("whsec_")[:8] not in page  # not even its first characters


def test_people_outside_the_organisation_are_never_named(admin, portal_member, portal_client):
    endpoint, _secret = endpoint_for(admin.organisation, OLD_ADDRESS)
    staff = UserFactory(username="pat.manager", first_name="Patricia", last_name="Manager", is_staff=True)
    stranger = portal_member(kind="marketplace", role="admin")  # another organisation's administrator
    endpoints.set_enabled(endpoint, False, by=staff)
    endpoints.set_enabled(endpoint, True, by=stranger.user)

    page = history_of(portal_client(admin), endpoint)
    assert [row[1] for row in rows(page)] == [
        "Someone no longer in your organisation",
        "CBP staff",
        "CBP (done automatically)",
    ]
    for shown_nowhere in (
        "Patricia",
        "pat.manager",
        stranger.user.email,
        stranger.user.get_full_name(),
        stranger.organisation.name,
    ):
        assert shown_nowhere not in page


def test_a_change_by_a_staff_account_since_deleted_still_reads_as_cbp_staff(admin, portal_client):
    """Wagtail's log keeps the id of whoever did it after the account is gone: that is not an automatic change."""
    endpoint, _secret = endpoint_for(admin.organisation, OLD_ADDRESS)  # added with no user: done automatically
    staff = UserFactory(username="pat.manager", first_name="Patricia", last_name="Manager", is_staff=True)
    endpoints.set_enabled(endpoint, False, by=staff)
    staff.delete()

    page = history_of(portal_client(admin), endpoint)
    assert [row[1:] for row in rows(page)] == [
        ["CBP staff", "Disabled the endpoint: it got nothing until enabled again"],
        ["CBP (done automatically)", f"Added the endpoint, with the address {OLD_ADDRESS}"],
    ]
    assert "Patricia" not in page and "pat.manager" not in page


def test_an_edit_saved_with_no_changes_says_so(admin, portal_client):
    """An edit entry with no changes (the portal logs none now; older entries and other tools may) is a plain
    sentence, not an empty line."""
    endpoint, _secret = endpoint_for(admin.organisation, OLD_ADDRESS)
    endpoints.log_endpoint(endpoint, "webhooks.edit", by=admin.user, changes={})
    endpoints.log_endpoint(endpoint, "webhooks.edit", by=admin.user)

    page = history_of(portal_client(admin), endpoint)
    name = admin.user.get_full_name()
    assert [row[1:] for row in rows(page)][:2] == [[name, "Saved the endpoint with no changes"]] * 2


def test_another_organisations_endpoint_history_is_404_and_its_entries_never_show(admin, portal_member, portal_client):
    other = portal_member(kind="marketplace", role="admin")
    theirs, _secret = endpoint_for(other.organisation, "https://theirs.example.com/hook")
    endpoints.set_enabled(theirs, False, by=other.user)
    ours, _secret = endpoint_for(admin.organisation, OLD_ADDRESS)
    client = portal_client(admin)

    assert client.get(portal_url("history", pk=theirs.pk)).status_code == 404
    page = history_of(client, ours)
    assert "theirs.example.com" not in page and other.user.get_full_name() not in page
    assert len(rows(page)) == 1


@pytest.mark.parametrize("role", ["responder", "viewer"])
def test_a_member_who_is_not_an_administrator_is_refused_as_on_the_endpoint_page(
    admin, portal_member, portal_client, role
):
    endpoint, _secret = endpoint_for(admin.organisation, OLD_ADDRESS)
    member = portal_member(role=role, organisation=admin.organisation)
    client = portal_client(member)
    refused = client.get(portal_url("endpoint", pk=endpoint.pk))
    response = client.get(portal_url("history", pk=endpoint.pk))
    assert refused.status_code == response.status_code == 403
    assert "Your role in your organisation does not allow this" in response.content.decode()
    assert OLD_ADDRESS not in response.content.decode()
