"""What is done to webhook endpoints: added, edited, enabled, disabled, deleted, secret rolled.

Each secret is returned once, to be shown once. Every change is written to Wagtail's audit log with the person who
made it (a portal user, or a staff member) and the endpoint's organisation and address: never a secret. The log
actions are registered in wagtail_hooks.py; the entries show in Site history, on the endpoint's history page, and to
the organisation's administrators on its portal history page (endpoint_history.py).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import Endpoint
from .signing import new_secret


def log_endpoint(endpoint, action, *, by, **data):
    """One audit log entry about `endpoint`: who, what, the organisation and address, and `data` (no secrets)."""
    log(
        instance=endpoint,
        action=action,
        user=by,
        data={"organisation": endpoint.organisation.name, "url": endpoint.url, **data},
    )


@transaction.atomic
def create_endpoint(*, organisation, url, description="", user=None):
    """A new enabled endpoint. Returns (endpoint, secret)."""
    secret = new_secret()
    endpoint = Endpoint.objects.create(
        organisation=organisation, url=url, description=description, secret=secret, created_by=user
    )
    log_endpoint(endpoint, "webhooks.create", by=user, description=description)
    return endpoint, secret


@transaction.atomic
def edit_endpoint(endpoint, *, url, description, by):
    """Change the address or the description; logs what changed (from, to). Returns whether anything did."""
    changes = {}
    for field, value in (("url", url), ("description", description)):
        if getattr(endpoint, field) != value:
            changes[field] = {"from": getattr(endpoint, field), "to": value}
            setattr(endpoint, field, value)
    if not changes:
        return False
    endpoint.save(update_fields=list(changes))
    log_endpoint(endpoint, "webhooks.edit", by=by, changes=changes)
    return True


class SecretChanged(Exception):
    """The secret was rolled since the form was shown (a second click, another administrator): nothing done."""


@transaction.atomic
def rotate_secret(endpoint, *, by, keep_previous=True, made_at=None):
    """A new secret, returned to be shown once; every try from now on (retries and replays included) is signed
    with it. With `keep_previous`, the secret it replaces signs beside it for WEBHOOK_SECRET_GRACE_HOURS;
    otherwise (it may have leaked) that one stops at once. A secret older than the one replaced stops at once:
    at most two secrets ever sign. Audit-logged with the portal user (never the secrets).

    `made_at` is when the secret the administrator saw was made: if it has been rolled since, SecretChanged is
    raised and nothing changes, so a double click never stops the secret the receiver still uses."""
    locked = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
    if made_at is not None and locked.secret_rotated_at != made_at:
        raise SecretChanged
    now = timezone.now()
    grace = timedelta(hours=settings.WEBHOOK_SECRET_GRACE_HOURS)
    keep_previous = keep_previous and grace > timedelta(0)
    locked.previous_secret = locked.secret if keep_previous else ""
    locked.previous_secret_ends_at = now + grace if keep_previous else None
    locked.secret = new_secret()
    locked.secret_rotated_at = now
    locked.save(update_fields=["secret", "previous_secret", "previous_secret_ends_at", "secret_rotated_at"])
    log_endpoint(
        locked,
        "webhooks.rotate_secret",
        by=by,
        portal=True,
        previous_signs_until=locked.previous_secret_ends_at.isoformat() if keep_previous else None,
    )
    for field in ("secret", "previous_secret", "previous_secret_ends_at", "secret_rotated_at"):
        setattr(endpoint, field, getattr(locked, field))
    return locked.secret


@transaction.atomic
def set_enabled(endpoint, enabled, *, by):
    """Disabled: new referrals make no deliveries for it and waiting ones are held until it is enabled again.
    Logged when it changes (a second click on the same button changes and logs nothing). Returns whether it did."""
    changed = Endpoint.objects.filter(pk=endpoint.pk).exclude(enabled=enabled).update(enabled=enabled)
    endpoint.enabled = enabled
    if changed:
        log_endpoint(endpoint, "webhooks.enable" if enabled else "webhooks.disable", by=by)
    return bool(changed)


@transaction.atomic
def delete_endpoint(endpoint, *, by):
    """Delete the endpoint and its delivery log. The audit log entry stays (it names the address)."""
    log_endpoint(endpoint, "webhooks.delete", by=by, deliveries=endpoint.deliveries.count())
    endpoint.delete()
