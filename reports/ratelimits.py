"""Per-client rate limits kept in the database, so they hold across processes with nothing else to run.

A client is a keyed hash of its IP address (REMOTE_ADDR; X-Forwarded-For only when
REPORTS_TRUSTED_PROXY_COUNT says how many proxies to trust). Limits are fixed windows from
settings.REPORT_RATE_LIMITS: {"scope": (count, seconds)}.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateLimitHit


def client_address(request):
    """The client's IP address: REMOTE_ADDR, or the address the outermost trusted proxy saw."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.REPORTS_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    return address


def client_key(request):
    return salted_hmac("reports.client", client_address(request), algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def _window(scope):
    count, seconds = settings.REPORT_RATE_LIMITS[scope]
    now = timezone.now()
    epoch = now.timestamp()
    start = datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)
    return count, start, max(1, math.ceil(start.timestamp() + seconds - epoch))


def _row(scope, client, start):
    try:
        with transaction.atomic():
            row, created = RateLimitHit.objects.get_or_create(scope=scope, client=client, window_start=start)
    except IntegrityError:
        row, created = RateLimitHit.objects.get(scope=scope, client=client, window_start=start), False
    if created:
        RateLimitHit.objects.filter(window_start__lt=timezone.now() - timedelta(days=1)).delete()
    return row


def hit(scope, client):
    """Count one attempt. Refused (with the seconds to wait) when the window's limit is already used up."""
    limit, start, retry_after = _window(scope)
    row = _row(scope, client, start)
    if row.count >= limit:
        return Verdict(False, retry_after)
    RateLimitHit.objects.filter(pk=row.pk).update(count=F("count") + 1)
    return Verdict(True)


def check(scope, client):
    """Is the limit used up? Does not count anything."""
    limit, start, retry_after = _window(scope)
    row = RateLimitHit.objects.filter(scope=scope, client=client, window_start=start).first()
    if row and row.count >= limit:
        return Verdict(False, retry_after)
    return Verdict(True)
