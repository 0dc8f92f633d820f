"""Replaying a delivery from the portal's log: the same event id and body, a new timestamp and signature."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Delivery, DeliveryState
from .queueing import enqueue_after_commit


class ReplayRefused(ValueError):
    """A replay the organisation cannot make (the endpoint is disabled)."""


@transaction.atomic
def replay(delivery):
    """Queue the delivery again with a fresh retry schedule; the worker sends it after the commit."""
    if not delivery.endpoint.enabled:
        raise ReplayRefused(_("This endpoint is disabled. Enable it first, then replay."))
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.PENDING, tries=0, next_attempt_at=timezone.now(), replays=F("replays") + 1
    )
    enqueue_after_commit()
