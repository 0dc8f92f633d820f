"""Replaying a delivery from the portal's log: the same event id and body, a new timestamp and signature."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .endpoints import log_endpoint
from .models import Delivery, DeliveryState
from .queueing import enqueue_after_commit


class ReplayRefused(ValueError):
    """A replay the organisation cannot make (the endpoint is disabled)."""


@transaction.atomic
def replay(delivery, *, by):
    """Queue the delivery again with a fresh retry schedule; the worker sends it after the commit. Audit-logged on
    the endpoint with the person who asked and the event id."""
    if not delivery.endpoint.enabled:
        raise ReplayRefused(_("This endpoint is disabled. Enable it first, then replay."))
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.PENDING, tries=0, next_attempt_at=timezone.now(), replays=F("replays") + 1
    )
    log_endpoint(delivery.endpoint, "webhooks.replay", by=by, event_id=delivery.event_id, delivery=delivery.pk)
    enqueue_after_commit()
