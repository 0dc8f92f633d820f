"""Headers django-csp and Django's SecurityMiddleware do not send by themselves (the policy itself is in
website/settings/security_headers.py).

- Cross-Origin-Resource-Policy on every answer, so other sites cannot load our pages, files or API answers
  into their own documents.
- Views Django or Wagtail mark as frameable by the site itself (X-Frame-Options: SAMEORIGIN, e.g. the admin's
  live preview) get `frame-ancestors 'self'` instead of `'none'`; every other answer stays unframeable.
"""

from csp.constants import SELF
from django.conf import settings


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", "")
        if policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", policy)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            # Read by csp.middleware.CSPMiddleware, which runs after this on the way out.
            response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}), "frame-ancestors": [SELF]}
            response._csp_replace_ro = {
                **(getattr(response, "_csp_replace_ro", None) or {}),
                "frame-ancestors": [SELF],
            }
        return response
