"""Who is calling the partner API, and may they do this?

`PartnerKeyAuth` is django-ninja's authentication for the partner routes: it reads the key from
`Authorization: Bearer <key>` (or `X-API-Key`), checks it, counts the call against the key's rate limit and
leaves the key on the request for the call log. Every failure gives the same 401 answer, whether the key
was missing, malformed, unknown, revoked or expired, so a caller learns nothing about which keys exist.
"""

from django.utils import timezone
from ninja.security import HttpBearer

from reports import ratelimits

from . import keys
from .models import ApiKey

RATE_SCOPE = "partner_api"
FAILURE_SCOPE = "partner_api_failure"


class RateLimited(Exception):
    def __init__(self, retry_after):
        self.retry_after = retry_after


class MissingScope(Exception):
    def __init__(self, scope):
        self.scope = scope


def presented_key(request):
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("X-API-Key", "").strip()


class PartnerKeyAuth(HttpBearer):
    """Documented in OpenAPI as a bearer token; `X-API-Key` is accepted too."""

    def __call__(self, request):
        key = presented_key(request)
        request.partner_key_prefix = keys.prefix_of(key)
        api_key = keys.find_usable(key)
        if api_key is None:
            # Someone guessing keys, or a partner with a broken key, is slowed down per client address.
            verdict = ratelimits.hit(FAILURE_SCOPE, ratelimits.client_key(request))
            if not verdict.allowed:
                raise RateLimited(verdict.retry_after)
            return None
        request.partner_api_key = api_key
        verdict = ratelimits.hit(RATE_SCOPE, f"key:{api_key.pk}")
        if not verdict.allowed:
            raise RateLimited(verdict.retry_after)
        now = timezone.now()
        if api_key.last_used_at is None or (now - api_key.last_used_at).total_seconds() > 60:
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        return api_key

    def authenticate(self, request, token):
        raise NotImplementedError("__call__ reads the key itself")


def require_scope(request, scope):
    """Raise MissingScope unless the calling key carries `scope`."""
    if scope not in request.auth.scopes:
        raise MissingScope(scope)
