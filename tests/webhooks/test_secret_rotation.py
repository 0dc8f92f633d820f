"""Rolling an endpoint's signing secret in the portal, with a grace period, through real URLs and a real receiver.

The new secret is shown once; the old one keeps signing beside it (two signatures in webhook-signature) for
WEBHOOK_SECRET_GRACE_HOURS, so a delivery verifies with either secret using the Standard Webhooks reference
verifier (what partners use); after that only the new one signs. Only an organisation admin can roll it.
"""

import json
import re
from datetime import timedelta

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from wagtail.models import ModelLogEntry

from tests.webhooks.conftest import endpoint_for, portal_url, refer_to
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_docs_example import documented_verifier
from webhooks import sending
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


def made_at(client, endpoint):
    """The hidden field of the rotation form: when the secret the administrator sees was made."""
    form = client.get(portal_url("rotate", pk=endpoint.pk)).content.decode()
    return re.search(r'name="made_at" value="([^"]+)"', form).group(1)


def roll(client, endpoint, choice="later"):
    """Rotate through the portal and read the new secret from the page that shows it once, as a person would."""
    response = client.post(
        portal_url("rotate", pk=endpoint.pk), {"old_secret": choice, "made_at": made_at(client, endpoint)}
    )
    assert response.status_code == 302 and response["Location"] == portal_url("secret", pk=endpoint.pk)
    page = client.get(response["Location"]).content.decode()
    return re.search(r'id="webhook-secret"[^>]* value="(whsec_[^"]+)"', page).group(1)


def verifies(secret, request):
    try:
        Webhook(secret).verify(request.body, request.headers)
    except WebhookVerificationError:
        return False
    return True


def test_during_the_grace_period_a_delivery_verifies_with_either_secret(
    admin, portal_client, officer, receiver, django_capture_on_commit_callbacks
):
    client = portal_client(admin)
    endpoint, old_secret = endpoint_for(admin.organisation, receiver.url)

    new_secret = roll(client, endpoint)
    assert new_secret != old_secret
    assert new_secret not in client.get(portal_url("secret", pk=endpoint.pk)).content.decode()  # shown once
    page = client.get(portal_url("endpoint", pk=endpoint.pk)).content.decode()
    assert "Previous secret" in page and "also signs until" in page
    assert new_secret not in page and old_secret not in page

    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    request = receiver.received[0]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    assert verifies(old_secret, request)  # a receiver not yet updated
    assert verifies(new_secret, request)  # a receiver already updated
    assert not verifies(endpoint_for(admin.organisation, receiver.url)[1], request)  # any other secret: no
    # The documented standard-library verifier accepts it with either secret too.
    verify = documented_verifier()["verify_webhook"]
    for secret in (old_secret, new_secret):
        assert verify(secret, request.headers, request.body)["type"] == "referral.created"


def test_after_the_grace_period_only_the_new_secret_signs(
    admin, portal_client, officer, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_SECRET_GRACE_HOURS = 2
    client = portal_client(admin)
    with Receiver(answers=[500, 500, 200]) as receiver:
        endpoint, old_secret = endpoint_for(admin.organisation, receiver.url)
        new_secret = roll(client, endpoint)
        endpoint.refresh_from_db()
        ends = endpoint.previous_secret_ends_at
        assert ends - endpoint.secret_rotated_at == timedelta(hours=2)

        refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)  # first try: 500
        delivery = Delivery.objects.get(endpoint=endpoint)
        assert sending.deliver_due(now=ends - timedelta(seconds=1))[:2] == (0, 1)  # a retry just before the end
        assert sending.deliver_due(now=ends + timedelta(hours=1))[:2] == (1, 0)  # a retry after it

    first, just_before, after = receiver.received
    assert {request.headers["webhook-id"] for request in receiver.received} == {delivery.event_id}
    for request in (first, just_before):
        assert verifies(old_secret, request) and verifies(new_secret, request)
    assert after.headers["webhook-signature"].count("v1,") == 1
    assert verifies(new_secret, after)
    assert not verifies(old_secret, after)


def test_an_admin_can_stop_the_old_secret_at_once(
    admin, portal_client, officer, receiver, django_capture_on_commit_callbacks
):
    client = portal_client(admin)
    endpoint, old_secret = endpoint_for(admin.organisation, receiver.url)
    new_secret = roll(client, endpoint, choice="now")

    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    request = receiver.received[0]
    assert verifies(new_secret, request)
    assert not verifies(old_secret, request)


def test_with_no_grace_hours_the_old_secret_stops_at_once(
    admin, portal_client, officer, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_SECRET_GRACE_HOURS = 0
    client = portal_client(admin)
    endpoint, old_secret = endpoint_for(admin.organisation, receiver.url)
    assert 'value="later"' not in client.get(portal_url("rotate", pk=endpoint.pk)).content.decode()
    new_secret = roll(client, endpoint, choice="now")
    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    assert verifies(new_secret, receiver.received[0]) and not verifies(old_secret, receiver.received[0])


def test_rolling_again_within_the_grace_period_stops_the_oldest_secret(
    admin, portal_client, officer, receiver, django_capture_on_commit_callbacks
):
    client = portal_client(admin)
    endpoint, first = endpoint_for(admin.organisation, receiver.url)
    second = roll(client, endpoint)
    assert "still signs" in client.get(portal_url("rotate", pk=endpoint.pk)).content.decode()
    third = roll(client, endpoint)

    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    request = receiver.received[0]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    assert verifies(third, request) and verifies(second, request)
    assert not verifies(first, request)


def test_the_rotation_is_in_the_audit_log_without_any_secret(admin, portal_client, receiver):
    client = portal_client(admin)
    endpoint, old_secret = endpoint_for(admin.organisation, receiver.url)
    new_secret = roll(client, endpoint)

    entry = ModelLogEntry.objects.get(action="webhooks.rotate_secret")
    assert entry.user == admin.user
    assert entry.object_id == str(endpoint.pk)
    assert entry.data["organisation"] == admin.organisation.name
    assert entry.data["previous_signs_until"]
    assert entry.message == "Webhook endpoint's signing secret rotated"
    logged = json.dumps(entry.data)
    for secret in (old_secret, new_secret):
        assert secret not in logged and secret.removeprefix("whsec_") not in logged


def test_a_wrong_choice_is_refused_with_a_reason_and_nothing_changes(admin, portal_client, receiver):
    client = portal_client(admin)
    endpoint, secret = endpoint_for(admin.organisation, receiver.url)
    for data, says in [({}, "Choose when the current secret stops"), ({"old_secret": "forever"}, "valid choice")]:
        response = client.post(portal_url("rotate", pk=endpoint.pk), data)
        assert response.status_code == 400
        assert says in response.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.secret == secret and not endpoint.previous_secret
    assert not ModelLogEntry.objects.filter(action="webhooks.rotate_secret").exists()


@pytest.mark.parametrize("role", ["responder", "viewer"])
def test_only_an_organisation_admin_rolls_the_secret(admin, portal_member, portal_client, receiver, role):
    endpoint, secret = endpoint_for(admin.organisation, receiver.url)
    member = portal_member(role=role, organisation=admin.organisation)
    response = portal_client(member).post(portal_url("rotate", pk=endpoint.pk), {"old_secret": "later"})
    assert response.status_code == 403
    other_admin = portal_member(kind="marketplace", role="admin")
    response = portal_client(other_admin).post(portal_url("rotate", pk=endpoint.pk), {"old_secret": "later"})
    assert response.status_code == 404
    endpoint.refresh_from_db()
    assert endpoint.secret == secret and not endpoint.previous_secret
    assert not ModelLogEntry.objects.filter(action="webhooks.rotate_secret").exists()
    assert Endpoint.objects.count() == 1


def test_a_second_click_changes_nothing_and_the_old_secret_keeps_signing(admin, portal_client, receiver):
    client = portal_client(admin)
    endpoint, original = endpoint_for(admin.organisation, receiver.url)
    seen = made_at(client, endpoint)
    first = client.post(portal_url("rotate", pk=endpoint.pk), {"old_secret": "later", "made_at": seen})
    second = client.post(portal_url("rotate", pk=endpoint.pk), {"old_secret": "later", "made_at": seen})
    assert first.status_code == second.status_code == 302
    page = client.get(second["Location"]).content.decode()
    assert "The secret had already been changed" in page
    shown = re.search(r'id="webhook-secret"[^>]* value="(whsec_[^"]+)"', page).group(1)
    endpoint.refresh_from_db()
    assert endpoint.secret == shown  # the secret shown is the one that signs
    assert endpoint.previous_secret == original  # the receiver's secret still signs through the grace period
    assert ModelLogEntry.objects.filter(action="webhooks.rotate_secret").count() == 1
