"""What a person sees when django-axes has locked sign-in, and the superusers' unlock."""

import logging
from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Lockout:
    kind: str  # "account" or "address"
    value: str
    failures: int
    last: datetime


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the sign-in page's look with a plain message, status 429."""
    cool_off = get_cool_off(request)
    context = {
        "try_again_at": timezone.localtime(timezone.now() + cool_off) if cool_off else None,
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        "contact": settings.STAFF_SUPPORT_CONTACT,
    }
    # The partner portal's own pages look like the public site, not the admin.
    match = getattr(request, "resolver_match", None)
    template = "portal/locked_out.html" if match and "portal" in match.namespaces else "accounts/locked_out.html"
    response = render(request, template, context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def active_lockouts():
    """Accounts and client addresses over the failure limit within the cool-off time, newest first.

    django-axes counts failures per username (over every address) and per address (over every username).
    """
    attempts = AccessAttempt.objects.all()
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    locked = []
    for kind, field in (("account", "username"), ("address", "ip_address")):
        rows = (
            attempts.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        )
        locked += [Lockout(kind, row[field], row["failures"], row["last"]) for row in rows if row[field]]
    return sorted(locked, key=lambda lockout: lockout.last, reverse=True)


def unlock(kind, value, by):
    """Clear the failures recorded for one account or one address (django-axes' own reset)."""
    count = reset(username=value) if kind == "account" else reset(ip=value)
    logger.info("Sign-in %s unlocked by %s (%d failure records cleared).", kind, by.get_username(), count)
    return count
