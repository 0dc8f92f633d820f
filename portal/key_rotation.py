"""Self-service API keys for an organisation's administrators: a new key (shown once), the date the key it
replaces stops working (today, or up to PORTAL_KEY_OVERLAP_MAX_DAYS later), and revoking. Every change goes into
Wagtail's audit log with the portal user, like the staff's key actions (partners/viewsets.py).

A new key can have only scopes the organisation's keys that still work have (not revoked, not past their stop
date), so an administrator can rotate keys but never widen what they allow, nor win back a scope CBP took away
by revoking the key that had it, nor outlive the stop date CBP set on the keys it takes its scopes from.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from partners import keys
from partners.models import ApiKey


def granted_scopes(organisation):
    """Every scope of this organisation's keys that still work, in a stable order."""
    scopes = set()
    for key_scopes in ApiKey.objects.usable().filter(partner=organisation).values_list("scopes", flat=True):
        scopes.update(key_scopes or [])
    return sorted(scopes)


def latest_end(organisation, scopes):
    """When a new key with `scopes` must stop: for each scope, the latest stop date of the working keys that hold it
    (None when one of them has none), and the earliest of those. A key CBP set to stop on a date cannot lend its
    scopes to a key that outlives it."""
    ends = []
    usable = list(ApiKey.objects.usable().filter(partner=organisation).values_list("scopes", "expires_at"))
    for scope in scopes:
        holders = [expires_at for key_scopes, expires_at in usable if scope in (key_scopes or [])]
        if holders and None not in holders:
            ends.append(max(holders))
    return min(ends) if ends else None


def last_stop_date(today=None):
    return (today or timezone.localdate()) + timedelta(days=settings.PORTAL_KEY_OVERLAP_MAX_DAYS)


def start_of(day):
    """Midnight at the start of `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def create(*, organisation, name, scopes, by):
    """(ApiKey, the key in full). Show the key now: it cannot be shown again."""
    allowed = set(granted_scopes(organisation))
    scopes = sorted(set(scopes) & allowed)
    with transaction.atomic():
        api_key, key = keys.create_key(
            partner=organisation,
            name=name,
            scopes=scopes,
            created_by=by,
            expires_at=latest_end(organisation, scopes),
        )
        log(instance=api_key, action="wagtail.create", user=by, data={"portal": True})
    return api_key, key


def stop_on(api_key, day, *, by):
    """The key stops working at the start of `day` (site time); today means at once (revoked)."""
    if day <= timezone.localdate():
        return revoke(api_key, by=by)
    with transaction.atomic():
        # Never later than a stop date already set (by CBP, or earlier): a key cannot be kept alive for ever.
        ends = start_of(day)
        api_key.expires_at = min(api_key.expires_at, ends) if api_key.expires_at else ends
        api_key.save(update_fields=["expires_at"])
        log(
            instance=api_key,
            action="portal.schedule_key_end",
            user=by,
            data={"prefix": api_key.prefix, "stops_at": api_key.expires_at.isoformat()},
        )
    return api_key


def revoke(api_key, *, by):
    with transaction.atomic():
        if api_key.revoked_at is None:
            keys.revoke(api_key, user=by)
            log(instance=api_key, action="partners.revoke_key", user=by, data={"portal": True})
    return api_key
