"""Signed deliveries of new referrals to a real local HTTP receiver: signature, retries, timeout, replay."""

import json
import time
from datetime import timedelta

import pytest
from django.db import transaction
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tests.webhooks.conftest import a_report, endpoint_for, refer_to
from tests.webhooks.receiver import Receiver
from triage import operations
from webhooks import replays, sending
from webhooks.models import Delivery, DeliveryState

pytestmark = pytest.mark.django_db


def test_a_new_referral_reaches_the_receiver_signed_and_without_personal_data(
    market_a, officer, receiver, django_capture_on_commit_callbacks
):
    endpoint, secret = endpoint_for(market_a, receiver.url)

    referral = refer_to(market_a, officer, django_capture_on_commit_callbacks)

    assert len(receiver.received) == 1
    request = receiver.received[0]
    event = Webhook(secret).verify(request.body, request.headers)  # the spec's reference verifier
    assert event["type"] == "referral.created"
    assert event["data"]["referral_id"] == referral.pk
    assert event["data"]["kind"] == "report"
    assert event["data"]["api_url"].endswith(f"/api/v1/partner/referrals/{referral.pk}")
    assert request.headers["webhook-id"].startswith("msg_")
    assert request.headers["webhook-signature"].startswith("v1,")
    for private in (
        "Ana Reporter",
        "ana@example.com",
        "555-0100",
        "melted",
        "ORDER-SECRET",
        "volt-deals",
        "agency only",
    ):
        assert private not in request.body.decode()
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.state == DeliveryState.DELIVERED
    assert [attempt.status_code for attempt in delivery.attempts.all()] == [200]


def test_a_wrong_secret_a_tampered_body_or_an_old_timestamp_fail_verification(
    market_a, officer, receiver, django_capture_on_commit_callbacks
):
    _endpoint, secret = endpoint_for(market_a, receiver.url)
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    request = receiver.received[0]

    tampered = request.body.replace(b'"kind":"report"', b'"kind":"case"')
    assert tampered != request.body
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(tampered, request.headers)
    old = {**request.headers, "webhook-timestamp": str(int(request.headers["webhook-timestamp"]) - 301)}
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(request.body, old)
    other_secret = endpoint_for(market_a, receiver.url)[1]
    with pytest.raises(WebhookVerificationError):
        Webhook(other_secret).verify(request.body, request.headers)


def test_a_receiver_answering_500_then_200_is_retried_after_a_minute(
    market_a, officer, django_capture_on_commit_callbacks
):
    with Receiver(answers=[500, 200]) as receiver:
        endpoint, secret = endpoint_for(market_a, receiver.url)
        refer_to(market_a, officer, django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get(endpoint=endpoint)
        first = delivery.attempts.get()
        assert (first.status_code, delivery.state) == (500, DeliveryState.PENDING)
        assert "500" in first.error
        assert delivery.next_attempt_at == first.at + timedelta(minutes=1)

        assert sending.deliver_due(now=delivery.next_attempt_at - timedelta(seconds=1))[:2] == (0, 0)
        assert len(receiver.received) == 1  # not yet due

        assert sending.deliver_due(now=delivery.next_attempt_at)[:2] == (1, 0)

    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DELIVERED
    assert [attempt.status_code for attempt in delivery.attempts.all()] == [500, 200]
    ids = {request.headers["webhook-id"] for request in receiver.received}
    assert ids == {delivery.event_id}  # a retry is the same event
    for request in receiver.received:
        Webhook(secret).verify(request.body, request.headers)


def test_a_receiver_that_always_fails_is_tried_on_the_backoff_schedule_then_marked_failed(
    market_a, officer, django_capture_on_commit_callbacks
):
    with Receiver(answers=[503]) as receiver:
        endpoint, _secret = endpoint_for(market_a, receiver.url)
        refer_to(market_a, officer, django_capture_on_commit_callbacks)
        delivery = Delivery.objects.get(endpoint=endpoint)
        while delivery.state == DeliveryState.PENDING:
            sending.deliver_due(now=delivery.next_attempt_at)
            delivery.refresh_from_db()

    times = [attempt.at for attempt in delivery.attempts.all()]
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert gaps == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=12),
    ]
    assert delivery.state == DeliveryState.FAILED
    assert len(receiver.received) == 6
    assert sending.deliver_due(now=times[-1] + timedelta(days=30))[:2] == (0, 0)  # failed: no more tries


def test_a_receiver_that_does_not_answer_in_time_is_a_failed_try_kept_for_retry(
    settings, market_a, officer, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.5
    with Receiver(delay=3) as receiver:
        endpoint, _secret = endpoint_for(market_a, receiver.url)
        refer_to(market_a, officer, django_capture_on_commit_callbacks)

    delivery = Delivery.objects.get(endpoint=endpoint)
    attempt = delivery.attempts.get()
    assert attempt.status_code is None
    assert attempt.error == "No answer within 0.5 seconds."
    assert delivery.state == DeliveryState.PENDING


def test_a_receiver_that_is_down_loses_nothing(market_a, officer, django_capture_on_commit_callbacks):
    with Receiver() as stopped:
        url = stopped.url
    endpoint, secret = endpoint_for(market_a, url)  # nothing listens there any more
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.attempts.get().error == "Could not connect to the address."
    assert delivery.state == DeliveryState.PENDING


def test_a_replay_sends_the_same_event_with_a_new_timestamp_and_signature(
    market_a, officer, receiver, django_capture_on_commit_callbacks
):
    endpoint, secret = endpoint_for(market_a, receiver.url)
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(endpoint=endpoint)
    time.sleep(1.1)  # timestamps are whole seconds: the replay's must be a later one

    with django_capture_on_commit_callbacks(execute=True):
        replays.replay(delivery, by=None)

    first, again = receiver.received
    assert again.headers["webhook-id"] == first.headers["webhook-id"] == delivery.event_id
    assert again.body == first.body
    assert int(again.headers["webhook-timestamp"]) > int(first.headers["webhook-timestamp"])
    assert again.headers["webhook-signature"] != first.headers["webhook-signature"]
    Webhook(secret).verify(again.body, again.headers)
    assert [attempt.replay for attempt in delivery.attempts.all()] == [False, True]


def test_a_disabled_endpoint_gets_nothing(market_a, officer, receiver, django_capture_on_commit_callbacks):
    from webhooks.endpoints import set_enabled

    endpoint, _secret = endpoint_for(market_a, receiver.url)
    set_enabled(endpoint, False, by=None)
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    assert receiver.received == []
    assert not Delivery.objects.exists()


def test_a_waiting_delivery_is_held_while_its_endpoint_is_disabled(
    market_a, officer, django_capture_on_commit_callbacks
):
    from webhooks.endpoints import set_enabled

    with Receiver(answers=[500, 200]) as receiver:
        endpoint, _secret = endpoint_for(market_a, receiver.url)
        refer_to(market_a, officer, django_capture_on_commit_callbacks)
        set_enabled(endpoint, False, by=None)
        later = Delivery.objects.get().next_attempt_at + timedelta(hours=1)
        assert sending.deliver_due(now=later)[:2] == (0, 0)
        assert len(receiver.received) == 1
        with pytest.raises(replays.ReplayRefused):
            replays.replay(Delivery.objects.get(), by=None)
        set_enabled(endpoint, True, by=None)
        assert sending.deliver_due(now=later)[:2] == (1, 0)


def test_another_organisations_endpoint_gets_nothing(
    market_a, market_b, officer, receiver, django_capture_on_commit_callbacks
):
    endpoint_for(market_b, receiver.url)
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    assert receiver.received == []
    assert not Delivery.objects.exists()


def test_the_delivery_is_written_with_the_referral_and_rolls_back_with_it(market_a, officer, receiver):
    endpoint_for(market_a, receiver.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        operations.refer(agency="marketplace", note="", user=officer, report=a_report(), recipient=market_a)
        assert Delivery.objects.count() == 1  # in the referral's transaction, before any sending
        raise RuntimeError("the referral fails after it was written")
    assert not Delivery.objects.exists()
    assert receiver.received == []


def test_a_case_referral_says_so(market_a, officer, receiver, django_capture_on_commit_callbacks):
    from triage.models import Case

    _endpoint, secret = endpoint_for(market_a, receiver.url)
    case = Case.objects.create(title="Volt deals chargers")
    case.reports.add(a_report(), a_report())
    with django_capture_on_commit_callbacks(execute=True):
        referral = operations.refer(agency="marketplace", note="", user=officer, case=case, recipient=market_a)
    event = json.loads(receiver.received[0].body)
    assert event["data"] == {**event["data"], "referral_id": referral.pk, "kind": "case"}
