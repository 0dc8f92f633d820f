"""The notices pages of the partner portal, through real URLs: endpoints, the secret shown once, rotation,
enable/disable, the delivery log and replay, each member's email choice; another organisation's things are 404."""

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tests.webhooks.conftest import endpoint_for, portal_url, refer_to
from tests.webhooks.receiver import Receiver
from webhooks.models import Delivery, Endpoint
from webhooks.preferences import wants_email

pytestmark = pytest.mark.django_db


def secret_shown(client, endpoint):
    """The secret page's text: the secret appears once."""
    return client.get(portal_url("secret", pk=endpoint.pk)).content.decode()


def test_an_admin_adds_an_endpoint_and_sees_its_secret_once(admin, portal_client, settings):
    client = portal_client(admin)
    response = client.post(
        portal_url("new_endpoint"), {"url": "https://hooks.example.com/cbp", "description": "Queue"}
    )
    endpoint = Endpoint.objects.get(organisation=admin.organisation)
    assert response.status_code == 302 and response["Location"] == portal_url("secret", pk=endpoint.pk)

    first = secret_shown(client, endpoint)
    assert endpoint.secret in first
    second = secret_shown(client, endpoint)
    assert endpoint.secret not in second
    assert "already shown" in second
    assert endpoint.secret not in client.get(portal_url("endpoint", pk=endpoint.pk)).content.decode()


def test_an_unsafe_address_is_refused_with_a_reason_and_nothing_saved(admin, portal_client, settings):
    settings.WEBHOOK_REQUIRE_PUBLIC_HTTPS = True
    client = portal_client(admin)
    for address, says in [
        ("http://93.184.215.14/cbp", "must start with https://"),
        ("https://127.0.0.1/cbp", "private or local network"),
        ("https://169.254.169.254/latest/", "private or local network"),
        ("not an address", "not a web address"),
    ]:
        response = client.post(portal_url("new_endpoint"), {"url": address})
        assert response.status_code == 400
        assert says in response.content.decode()
    assert not Endpoint.objects.exists()


def test_rotating_the_secret_now_shows_the_new_one_once_and_the_old_one_stops(
    admin, portal_client, officer, receiver, django_capture_on_commit_callbacks
):
    client = portal_client(admin)
    endpoint, old_secret = endpoint_for(admin.organisation, receiver.url)
    response = client.post(portal_url("rotate", pk=endpoint.pk), {"old_secret": "now"})
    assert response["Location"] == portal_url("secret", pk=endpoint.pk)
    endpoint.refresh_from_db()
    assert endpoint.secret != old_secret
    assert endpoint.secret in secret_shown(client, endpoint)

    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    request = receiver.received[0]
    Webhook(endpoint.secret).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old_secret).verify(request.body, request.headers)


def test_a_disabled_endpoint_gets_nothing_until_enabled_again(
    admin, portal_client, officer, receiver, django_capture_on_commit_callbacks
):
    client = portal_client(admin)
    endpoint, _secret = endpoint_for(admin.organisation, receiver.url)
    client.post(portal_url("enabled", pk=endpoint.pk), {"enabled": "off"})
    assert "Disabled" in client.get(portal_url("endpoint", pk=endpoint.pk)).content.decode()
    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    assert receiver.received == []

    client.post(portal_url("enabled", pk=endpoint.pk), {"enabled": "on"})
    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    assert len(receiver.received) == 1


def test_the_log_shows_each_try_and_a_replay_sends_the_same_event_again(
    admin, portal_client, officer, django_capture_on_commit_callbacks
):
    client = portal_client(admin)
    with Receiver(answers=[500, 200]) as receiver:
        endpoint, secret = endpoint_for(admin.organisation, receiver.url)
        refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get(endpoint=endpoint)

        log = client.get(portal_url("endpoint", pk=endpoint.pk)).content.decode()
        assert delivery.event_id in log and "500" in log and "next try" in log
        page = client.get(portal_url("delivery", pk=delivery.pk)).content.decode()
        assert "The receiver answered 500" in page

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(portal_url("replay", pk=delivery.pk))
        assert response.status_code == 302

    first, replayed = receiver.received
    assert replayed.headers["webhook-id"] == first.headers["webhook-id"]
    Webhook(secret).verify(replayed.body, replayed.headers)
    page = client.get(portal_url("delivery", pk=delivery.pk)).content.decode()
    assert "Delivered" in page and "(replay)" in page


def test_another_organisations_endpoint_and_delivery_are_404(
    admin, portal_member, portal_client, officer, receiver, django_capture_on_commit_callbacks
):
    other = portal_member(kind="marketplace", role="admin")
    endpoint, secret = endpoint_for(other.organisation, receiver.url)
    refer_to(other.organisation, officer, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(endpoint=endpoint)
    client = portal_client(admin)
    for name, pk in [
        ("endpoint", endpoint.pk),
        ("secret", endpoint.pk),
        ("rotate", endpoint.pk),
        ("delete", endpoint.pk),
        ("delivery", delivery.pk),
    ]:
        assert client.get(portal_url(name, pk=pk)).status_code == 404, name
    for name, pk in [("rotate", endpoint.pk), ("enabled", endpoint.pk), ("delete", endpoint.pk)]:
        assert client.post(portal_url(name, pk=pk), {"enabled": "off"}).status_code == 404, name
    assert client.post(portal_url("replay", pk=delivery.pk)).status_code == 404
    endpoint.refresh_from_db()
    assert endpoint.enabled and endpoint.secret == secret
    assert len(receiver.received) == 1
    assert endpoint.url not in client.get(portal_url("endpoints")).content.decode()


@pytest.mark.parametrize("role", ["responder", "viewer"])
def test_only_admins_manage_endpoints(portal_member, portal_client, role):
    member = portal_member(kind="marketplace", role=role)
    client = portal_client(member)
    assert client.get(portal_url("endpoints")).status_code == 403
    assert client.post(portal_url("new_endpoint"), {"url": "https://hooks.example.com/"}).status_code == 403
    assert client.get(portal_url("preferences")).status_code == 200
    assert not Endpoint.objects.exists()


def test_each_member_chooses_the_email(portal_member, portal_client):
    viewer = portal_member(kind="carrier", role="viewer")
    client = portal_client(viewer)
    assert not wants_email(viewer.user, viewer.role)  # off by default for viewers
    client.post(portal_url("preferences"), {"email_new_referrals": "on"})
    assert wants_email(viewer.user, viewer.role)
    assert "checked" in client.get(portal_url("preferences")).content.decode()
    client.post(portal_url("preferences"), {})
    assert not wants_email(viewer.user, viewer.role)
