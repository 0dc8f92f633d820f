"""The background worker in production: the database task queue, and cron's `send_referral_notices`."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.webhooks.conftest import endpoint_for, refer_to
from tests.webhooks.receiver import Receiver
from webhooks.models import Delivery, DeliveryState
from webhooks.tasks import send_referral_notices

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_referral_queues_the_sending_and_a_failed_try_queues_its_retry(
    database_queue, market_a, officer, django_capture_on_commit_callbacks
):
    with Receiver(answers=[500, 200]) as receiver:
        endpoint, _secret = endpoint_for(market_a, receiver.url)
        refer_to(market_a, officer, django_capture_on_commit_callbacks)
        ours = DBTaskResult.objects.filter(task_path="webhooks.tasks.send_referral_notices")
        queued = ours.get()
        assert receiver.received == []  # nothing is sent in the officer's request

        send_referral_notices.call()  # what db_worker does with the queued task
        delivery = Delivery.objects.get(endpoint=endpoint)
        assert len(receiver.received) == 1 and delivery.state == DeliveryState.PENDING
        retry = ours.exclude(pk=queued.pk).get()
        assert retry.run_after == delivery.next_attempt_at  # the worker comes back at the retry time


def test_cron_sends_what_is_due(market_a, officer, receiver):
    endpoint, _secret = endpoint_for(market_a, receiver.url)
    Delivery.objects.create(endpoint=endpoint, event_type="referral.created", body='{"type":"referral.created"}')
    call_command("send_referral_notices", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(receiver.received) == 1
    assert Delivery.objects.get().state == DeliveryState.DELIVERED
