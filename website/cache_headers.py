"""Which answers a shared cache (the proxy in deploy/nginx/) may keep, and which it must never keep.

A public page of the page tree, seen by nobody signed in, with no cookie set and no session read, says
`Cache-Control: public, max-age=0, s-maxage=PUBLIC_PAGE_CACHE_SECONDS`: the proxy keeps it (and Wagtail purges it
on publish, unpublish, move and delete: website/frontend_cache.py); browsers ask again each time.

Anything personal is never stored, by the proxy or the browser: an answer to a signed-in person, an answer that
sets a cookie or depends on one (a form token, a session: the report steps, the status pages, sign-in, the admin),
and every answer to a write (POST, PUT, PATCH, DELETE). Views that already chose `no-store` keep their choice.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, cc_delim_re, patch_cache_control

SAFE_METHODS = ("GET", "HEAD")


def _directives(response):
    return {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}


def _varies_on_cookie(response):
    return "cookie" in {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))}


def _carries_session_or_form_token(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES or settings.CSRF_COOKIE_NAME in request.COOKIES


def is_personal(request, response):
    """Every page reads the (empty) session of a visitor without cookies, to know nobody is signed in, so
    `Vary: Cookie` alone says nothing; it matters when the request carried a session or a form token."""
    user = getattr(request, "user", None)
    return (
        request.method not in SAFE_METHODS
        or bool(response.cookies)
        or (_varies_on_cookie(response) and _carries_session_or_form_token(request))
        or bool(user is not None and user.is_authenticated)
    )


def is_public_page(request, response):
    match = getattr(request, "resolver_match", None)
    return (
        response.status_code == 200
        and match is not None
        and match.url_name == "wagtail_serve"
        and not response.has_header("Cache-Control")
    )


class CacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request, response):
            if "no-store" not in _directives(response):
                add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        elif is_public_page(request, response) and settings.PUBLIC_PAGE_CACHE_SECONDS > 0:
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response
