"""Log every call to the partner API, whatever its answer (the authentication sets the key on the request)."""

import logging
import time

from django.utils import timezone

from reports.ratelimits import client_key

from .models import ApiCall

logger = logging.getLogger(__name__)

PARTNER_PATH = "/api/v1/partner/"
OUTCOMES = {401: "unauthenticated", 403: "missing_scope", 404: "not_found", 429: "rate_limited"}


def outcome(status_code):
    if status_code in OUTCOMES:
        return OUTCOMES[status_code]
    if status_code < 400:
        return "ok"
    return "invalid" if status_code < 500 else "error"


class PartnerCallLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PARTNER_PATH):
            return self.get_response(request)
        started = time.monotonic()
        response = self.get_response(request)
        try:
            api_key = getattr(request, "partner_api_key", None)
            ApiCall.objects.create(
                api_key=api_key,
                partner_id=api_key.partner_id if api_key else None,
                presented_prefix=getattr(request, "partner_key_prefix", "")[:16],
                method=request.method[:10],
                path=request.path[:500],
                status_code=response.status_code,
                outcome=outcome(response.status_code),
                duration_ms=int((time.monotonic() - started) * 1000),
                client=client_key(request),
                at=timezone.now(),
            )
        except Exception:  # the answer is ready; a logging problem must not replace it with an error
            logger.exception("Could not record a partner API call to %s", request.path)
        return response
