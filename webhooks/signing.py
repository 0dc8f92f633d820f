"""Signing deliveries the Standard Webhooks way (https://www.standardwebhooks.com/).

Headers: webhook-id (the event id, the same on every retry and replay), webhook-timestamp (seconds since the
epoch, new on every try) and webhook-signature ("v1," + base64 of HMAC-SHA256 over "id.timestamp.body" with
the secret). While a rotated secret is in its grace period the header holds one signature per secret, separated
by a space, as the spec allows; a verifier accepts the request when one of them matches. The `standardwebhooks` package (the reference implementation of the spec, no dependencies) does
the signing, so the result is exactly what off-the-shelf verifiers check.
"""

import base64
import secrets

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105 - the spec's marker, not a secret


def new_secret():
    """A fresh signing secret: 32 random bytes, written as the spec's "whsec_" + base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signed_headers(secrets_in_use, event_id, body, at):
    """The headers of one try of a delivery sent at `at` (an aware datetime), signed with each secret in turn."""
    return {
        "content-type": "application/json",
        "webhook-id": event_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(Webhook(secret).sign(event_id, at, body) for secret in secrets_in_use),
    }
