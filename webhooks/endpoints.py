"""What an organisation's admin does to its webhook endpoints. Each secret is returned once, to be shown once."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import Endpoint
from .signing import new_secret


@transaction.atomic
def create_endpoint(*, organisation, url, description="", user=None):
    """A new enabled endpoint. Returns (endpoint, secret)."""
    secret = new_secret()
    endpoint = Endpoint.objects.create(
        organisation=organisation, url=url, description=description, secret=secret, created_by=user
    )
    return endpoint, secret


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
    log(
        instance=locked,
        action="webhooks.rotate_secret",
        user=by,
        data={
            "portal": True,
            "organisation": locked.organisation.name,
            "url": locked.url,
            "previous_signs_until": locked.previous_secret_ends_at.isoformat() if keep_previous else None,
        },
    )
    for field in ("secret", "previous_secret", "previous_secret_ends_at", "secret_rotated_at"):
        setattr(endpoint, field, getattr(locked, field))
    return locked.secret


def set_enabled(endpoint, enabled):
    """Disabled: new referrals make no deliveries for it and waiting ones are held until it is enabled again."""
    Endpoint.objects.filter(pk=endpoint.pk).update(enabled=enabled)
    endpoint.enabled = enabled
