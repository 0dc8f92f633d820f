"""Everything done to a webhook endpoint is in Wagtail's audit log, under the name of whoever did it, and never with
a secret: added, edited, disabled, enabled, secret rotated, a delivery replayed, deleted. Done through the portal's
real URLs by an organisation administrator; read back by a CBP partner manager on the endpoint's history page and
in Site history."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.webhooks.conftest import endpoint_for, portal_url, refer_to
from webhooks import endpoints
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db

HISTORY = "/admin/webhook-endpoints/history/{pk}/"
SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def manager(db):
    return UserFactory(username="pat", groups=["Partner managers"])


def shown_secret(client, response):
    """The secret on the page that shows it once, read as the administrator reads it."""
    page = client.get(response["Location"]).content.decode()
    return re.search(r'id="webhook-secret"[^>]* value="(whsec_[^"]+)"', page).group(1)


def made_at(client, endpoint):
    form = client.get(portal_url("rotate", pk=endpoint.pk)).content.decode()
    return re.search(r'name="made_at" value="([^"]+)"', form).group(1)


@pytest.fixture
def everything_done(admin, portal_client, officer, receiver, django_capture_on_commit_callbacks):
    """An administrator adds an endpoint, edits it, disables and enables it, rolls its secret, replays a delivery,
    then adds a second endpoint and deletes it. Returns (endpoint, deleted endpoint's pk, secrets seen)."""
    client = portal_client(admin)
    response = client.post(portal_url("new_endpoint"), {"url": receiver.url, "description": "Takedown queue"})
    assert response.status_code == 302
    endpoint = Endpoint.objects.get()
    secrets = [shown_secret(client, response)]

    response = client.post(
        portal_url("edit", pk=endpoint.pk), {"url": f"{receiver.url}cbp", "description": "Takedown queue, live"}
    )
    assert response.status_code == 302
    assert client.post(portal_url("enabled", pk=endpoint.pk), {"enabled": "off"}).status_code == 302
    assert client.post(portal_url("enabled", pk=endpoint.pk), {"enabled": "on"}).status_code == 302
    response = client.post(
        portal_url("rotate", pk=endpoint.pk), {"old_secret": "later", "made_at": made_at(client, endpoint)}
    )
    secrets.append(shown_secret(client, response))

    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(portal_url("replay", pk=delivery.pk)).status_code == 302

    response = client.post(portal_url("new_endpoint"), {"url": "https://spare.example.com/hook"})
    spare = Endpoint.objects.get(url="https://spare.example.com/hook")
    secrets.append(shown_secret(client, response))
    assert client.post(portal_url("delete", pk=spare.pk)).status_code == 302
    assert not Endpoint.objects.filter(pk=spare.pk).exists()
    endpoint.refresh_from_db()
    return endpoint, spare.pk, secrets + [endpoint.previous_secret, endpoint.secret]


def assert_no_secret(text, secrets):
    assert "whsec_" not in text
    for secret in secrets:
        assert secret.removeprefix("whsec_")[:8] not in text  # not even its first characters


def test_each_change_is_logged_with_who_made_it_and_no_secret(admin, everything_done, receiver):
    endpoint, spare_pk, secrets = everything_done
    entries = ModelLogEntry.objects.filter(content_type__app_label="webhooks").order_by("timestamp", "pk")
    kept = [(entry.action, entry.object_id) for entry in entries if entry.object_id == str(endpoint.pk)]
    assert kept == [
        ("webhooks.create", str(endpoint.pk)),
        ("webhooks.edit", str(endpoint.pk)),
        ("webhooks.disable", str(endpoint.pk)),
        ("webhooks.enable", str(endpoint.pk)),
        ("webhooks.rotate_secret", str(endpoint.pk)),
        ("webhooks.replay", str(endpoint.pk)),
    ]
    deleted = [entry.action for entry in entries if entry.object_id == str(spare_pk)]
    assert deleted == ["webhooks.create", "webhooks.delete"]
    assert {entry.user for entry in entries} == {admin.user}

    edit = entries.get(action="webhooks.edit")
    assert edit.data["changes"]["url"] == {"from": receiver.url, "to": f"{receiver.url}cbp"}
    assert edit.message == (
        f"Webhook endpoint of {admin.organisation.name} changed: address from “{receiver.url}” to “{receiver.url}cbp”; "
        "description from “Takedown queue” to “Takedown queue, live”"
    )
    assert entries.get(action="webhooks.replay").data["event_id"] == Delivery.objects.get().event_id
    assert entries.get(action="webhooks.delete").message == (
        f"Webhook endpoint https://spare.example.com/hook of {admin.organisation.name} deleted, with its delivery log"
    )
    for entry in entries:
        assert_no_secret(json.dumps(entry.data) + str(entry.message) + entry.label, secrets)


def test_an_edit_logged_with_no_changes_reads_as_a_sentence_for_staff(admin):
    endpoint, _secret = endpoint_for(admin.organisation, "https://hook.example.com/cbp")
    endpoints.log_endpoint(endpoint, "webhooks.edit", by=admin.user, changes={})
    entry = ModelLogEntry.objects.get(action="webhooks.edit")
    assert entry.message == f"Webhook endpoint of {admin.organisation.name} saved with no changes"


def test_a_second_click_on_disable_logs_nothing_more(admin, portal_client, receiver):
    client = portal_client(admin)
    client.post(portal_url("new_endpoint"), {"url": receiver.url})
    endpoint = Endpoint.objects.get()
    for _click in range(2):
        client.post(portal_url("enabled", pk=endpoint.pk), {"enabled": "off"})
    assert ModelLogEntry.objects.filter(action="webhooks.disable").count() == 1


def test_a_refused_edit_changes_and_logs_nothing(admin, portal_client, receiver):
    client = portal_client(admin)
    client.post(portal_url("new_endpoint"), {"url": receiver.url})
    client.post(portal_url("new_endpoint"), {"url": f"{receiver.url}two"})
    first, second = Endpoint.objects.order_by("pk")
    response = client.post(portal_url("edit", pk=second.pk), {"url": receiver.url})
    assert response.status_code == 400
    assert "already has an endpoint with this address" in response.content.decode()
    second.refresh_from_db()
    assert second.url == f"{receiver.url}two"
    assert not ModelLogEntry.objects.filter(action="webhooks.edit").exists()


@pytest.mark.parametrize("role", ["responder", "viewer"])
def test_only_an_organisation_admin_edits_an_endpoint(admin, portal_member, portal_client, receiver, role):
    portal_client(admin).post(portal_url("new_endpoint"), {"url": receiver.url})
    endpoint = Endpoint.objects.get()
    member = portal_member(role=role, organisation=admin.organisation)
    assert (
        portal_client(member).post(portal_url("edit", pk=endpoint.pk), {"url": "https://x.example/"}).status_code
        == 403
    )
    outsider = portal_member(kind="marketplace", role="admin")
    assert (
        portal_client(outsider).post(portal_url("edit", pk=endpoint.pk), {"url": "https://x.example/"}).status_code
        == 404
    )
    endpoint.refresh_from_db()
    assert endpoint.url == receiver.url
    assert not ModelLogEntry.objects.filter(action="webhooks.edit").exists()


def test_a_partner_manager_reads_the_endpoints_history_without_a_secret(client, manager, admin, everything_done):
    endpoint, _spare_pk, secrets = everything_done
    client.force_login(manager)
    inspected = client.get(f"/admin/webhook-endpoints/inspect/{endpoint.pk}/").content.decode()
    assert HISTORY.format(pk=endpoint.pk) in inspected  # the way to it

    response = client.get(HISTORY.format(pk=endpoint.pk))
    assert response.status_code == 200
    page = response.content.decode()
    for said in (
        f"Webhook endpoint {endpoint.url.removesuffix('cbp')} added for {admin.organisation.name}",
        "changed: address from",
        f"Webhook endpoint {endpoint.url} of {admin.organisation.name} disabled",
        f"Webhook endpoint {endpoint.url} of {admin.organisation.name} enabled",
        "Webhook endpoint&#x27;s signing secret rotated",
        "Delivery of event msg_",
    ):
        assert said in page, said
    assert (admin.user.get_full_name() or admin.user.get_username()) in page  # who did it
    assert_no_secret(page, secrets)


def test_site_history_shows_the_deleted_endpoint_to_a_partner_manager(client, manager, admin, everything_done):
    _endpoint, _spare_pk, secrets = everything_done
    client.force_login(manager)
    response = client.get(SITE_HISTORY)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Webhook endpoint https://spare.example.com/hook of {admin.organisation.name} deleted" in page
    assert "Webhook endpoint&#x27;s signing secret rotated" in page
    assert_no_secret(page, secrets)


def test_staff_without_the_partner_permission_see_no_endpoint_history(client, officer, everything_done):
    endpoint, _spare_pk, _secrets = everything_done
    officer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(officer)
    response = client.get(HISTORY.format(pk=endpoint.pk))
    assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")
    assert "Webhook endpoint " not in client.get(SITE_HISTORY).content.decode()
