"""Per-client rate limits kept in the database, so they hold across processes with nothing else to run.

A client is a keyed hash of its IP address (REMOTE_ADDR; X-Forwarded-For only when
REPORTS_TRUSTED_PROXY_COUNT says how many proxies to trust). Limits are fixed windows from
settings.REPORT_RATE_LIMITS: {"scope": (count, seconds)}.

Counting and checking is one SQL statement (an upsert that only adds one while the count is under the
limit, and says whether it did), so parallel requests, threads or processes can never get past the limit
together. PostgreSQL and SQLite (3.35 or later) both run it.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection
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
    # The counted attempt (scope, client, window start), so `give_back` can uncount it.
    slot: tuple | None = None


def _window(scope):
    count, seconds = settings.REPORT_RATE_LIMITS[scope]
    now = timezone.now()
    epoch = now.timestamp()
    start = datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)
    return count, start, max(1, math.ceil(start.timestamp() + seconds - epoch))


# One statement, so no other request can come between the check and the count. Both databases take
# this syntax (SQLite from 3.35); the names are RateLimitHit's table and columns.
_COUNT_IF_UNDER = (
    'INSERT INTO "reports_ratelimithit" ("scope", "client", "window_start", "count") VALUES (%s, %s, %s, 1) '
    'ON CONFLICT ("scope", "client", "window_start") '
    'DO UPDATE SET "count" = "reports_ratelimithit"."count" + 1 WHERE "reports_ratelimithit"."count" < %s '
    'RETURNING "count"'
)


def _count_if_under(scope, client, start, limit):
    """Add one to the window's count unless it already reached `limit`. The new count, or None if refused."""
    window_start = RateLimitHit._meta.get_field("window_start").get_db_prep_value(start, connection)
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_IF_UNDER, [scope, client, window_start, limit])
        row = cursor.fetchone()
    return row[0] if row else None


def hit(scope, client):
    """Count one attempt. Refused (with the seconds to wait) when the window's limit is already used up.

    Of any number of parallel calls, exactly as many as the limit allows are allowed.
    """
    limit, start, retry_after = _window(scope)
    if limit < 1:
        return Verdict(False, retry_after)
    counted = _count_if_under(scope, client, start, limit)
    if counted is None:
        return Verdict(False, retry_after)
    if counted == 1:
        # A new window: drop the old ones now and then, so the table stays small.
        RateLimitHit.objects.filter(window_start__lt=timezone.now() - timedelta(days=1)).delete()
    return Verdict(True, slot=(scope, client, start))


def give_back(verdict):
    """Uncount an attempt counted by `hit`: for "failure" limits, where a slot is taken before checking
    a key and given back when the key was right."""
    if verdict.slot is None:
        return
    scope, client, start = verdict.slot
    RateLimitHit.objects.filter(scope=scope, client=client, window_start=start, count__gt=0).update(
        count=F("count") - 1
    )
