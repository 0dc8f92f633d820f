"""What an organisation's admin does to its webhook endpoints. Each secret is returned once, to be shown once."""

from django.db import transaction
from django.utils import timezone

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


@transaction.atomic
def rotate_secret(endpoint):
    """A new secret; the old one stops at once (deliveries from now on, retries and replays included, use it)."""
    secret = new_secret()
    Endpoint.objects.filter(pk=endpoint.pk).update(secret=secret, secret_rotated_at=timezone.now())
    endpoint.secret = secret
    return secret


def set_enabled(endpoint, enabled):
    """Disabled: new referrals make no deliveries for it and waiting ones are held until it is enabled again."""
    Endpoint.objects.filter(pk=endpoint.pk).update(enabled=enabled)
    endpoint.enabled = enabled
