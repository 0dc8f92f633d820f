"""Sending webhook deliveries: one signed POST per try, retries with backoff, every try logged.

A delivery is tried at once, then again after 1 minute, 5 minutes, 30 minutes, 2 hours and 12 hours; after the
sixth failed try it is "failed" (the organisation can replay it from the portal). A try succeeds when the
receiver answers 2xx within WEBHOOK_TIMEOUT_SECONDS; redirects are not followed. Each try has the same
webhook-id and a new timestamp and signature. Each try resolves the host once, checks the addresses
(addresses.py) and connects to a checked one (pinned_connections.py; the next one only when the connection itself failed).
"""

import logging
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .addresses import addresses_to_connect
from .models import Delivery, DeliveryAttempt, DeliveryState
from .pinned_connections import could_not_connect, pinned_session
from .signing import signed_headers

logger = logging.getLogger(__name__)

# The waits after the 1st, 2nd... failed try. One more failure after the last: failed.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)


def failure(error):
    """What went wrong with a request, in words for the delivery log."""
    if isinstance(error, requests.Timeout):
        return _("No answer within %(seconds)s seconds.") % {"seconds": settings.WEBHOOK_TIMEOUT_SECONDS}
    if isinstance(error, requests.ConnectionError):
        return _("Could not connect to the address.")
    return _("The request failed (%(error)s).") % {"error": type(error).__name__}


def post(delivery, now=None):
    """Send one try now. Returns (status code or None, error text).

    `now` (tests stand at a later time with it) decides which secrets sign: the current one, and the previous one
    while its grace period lasts. The timestamp signed is always the real time, as receivers check it."""
    endpoint = delivery.endpoint
    try:
        # Checked again (the host may point somewhere else since it was saved), and connected to as checked.
        addresses = addresses_to_connect(endpoint.url)
    except ValidationError as error:
        return None, " ".join(error.messages)[:300]
    headers = signed_headers(endpoint.signing_secrets(now), delivery.event_id, delivery.body, timezone.now())
    for address in addresses:
        try:
            with (
                pinned_session(address) as session,
                session.post(
                    endpoint.url,
                    data=delivery.body.encode(),
                    headers=headers,
                    timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
                    allow_redirects=False,
                    stream=True,  # the receiver's answer is never read: only its status code counts
                ) as response,
            ):
                status = response.status_code
            break
        except requests.RequestException as error:
            if address != addresses[-1] and could_not_connect(error):
                continue  # nothing was sent: the host's next checked address
            return None, failure(error)
    if 200 <= status < 300:
        return status, ""
    if 300 <= status < 400:
        return status, _("The receiver answered with a redirect; redirects are not followed.")
    return status, _("The receiver answered %(status)s; only 2xx counts as received.") % {"status": status}


def attempt(delivery, now):
    """One try of a locked delivery; records it and schedules the next one."""
    started = time.monotonic()
    status, error = post(delivery, now)
    DeliveryAttempt.objects.create(
        delivery=delivery,
        at=now,
        status_code=status,
        error=error,
        duration_ms=int((time.monotonic() - started) * 1000),
        replay=delivery.replays > 0,
    )
    delivery.tries += 1
    if not error:
        delivery.state = DeliveryState.DELIVERED
        delivery.delivered_at = now
    elif delivery.tries > len(BACKOFF):
        delivery.state = DeliveryState.FAILED
    else:
        delivery.next_attempt_at = now + BACKOFF[delivery.tries - 1]
    delivery.save(update_fields=["tries", "state", "delivered_at", "next_attempt_at"])
    return not error


def due(now):
    return Delivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now, endpoint__enabled=True)


def deliver_due(now=None, limit=200):
    """Send every delivery whose time has come (each locked while it is sent).

    Returns (delivered, failed tries, the times of the retries those failures scheduled).

    `now` (tests) stands for the clock: which deliveries are due, and when their tries are recorded."""
    started = now or timezone.now()
    delivered = failed = 0
    retries = []
    for delivery_id in list(due(started).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            delivery = (
                due(started)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("endpoint")
                .filter(pk=delivery_id)
                .first()
            )
            if delivery is None:  # another worker has it, or it was sent meanwhile
                continue
            if attempt(delivery, now or timezone.now()):  # tests pass `now` to stand at a retry's time
                delivered += 1
            else:
                failed += 1
                if delivery.state == DeliveryState.PENDING:
                    retries.append(delivery.next_attempt_at)
    return delivered, failed, retries
