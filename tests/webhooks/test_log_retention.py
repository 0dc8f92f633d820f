"""The delivery log keeps finished deliveries WEBHOOK_LOG_RETENTION_DAYS days; waiting ones are never deleted."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from webhooks.endpoints import create_endpoint
from webhooks.models import Delivery, DeliveryAttempt, DeliveryState

pytestmark = pytest.mark.django_db


def test_old_finished_deliveries_are_deleted_and_waiting_ones_kept(portal_member):
    endpoint = create_endpoint(organisation=portal_member().organisation, url="https://hooks.example.com/cbp")[0]
    old = timezone.now() - timedelta(days=91)

    def delivery(state, created_at):
        made = Delivery.objects.create(endpoint=endpoint, event_type="referral.created", body="{}", state=state)
        Delivery.objects.filter(pk=made.pk).update(created_at=created_at)
        DeliveryAttempt.objects.create(delivery=made, status_code=500)
        return made

    old_received = delivery(DeliveryState.DELIVERED, old)
    old_failed = delivery(DeliveryState.FAILED, old)
    old_waiting = delivery(DeliveryState.PENDING, old)
    recent = delivery(DeliveryState.DELIVERED, timezone.now() - timedelta(days=3))

    output = io.StringIO()
    call_command("purge_webhook_log", stdout=output)
    assert output.getvalue().strip() == "Deleted 2 finished webhook delivery(ies) older than 90 days."
    assert set(Delivery.objects.values_list("pk", flat=True)) == {old_waiting.pk, recent.pk}
    assert not DeliveryAttempt.objects.filter(delivery_id__in=[old_received.pk, old_failed.pk]).exists()
