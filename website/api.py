"""The versioned API at /api/v1/: one django-ninja API made of each app's router.

Schema: /api/v1/openapi.json. Interactive docs: /api/v1/docs. Public routes need no key; /api/v1/partner/
routes need a partner key (see partners/). Every error is JSON, in the two shapes of website/api_errors.py.
The older /api/reports and /api/search addresses stay, answering exactly as before.
"""

from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from importers.api_v1 import router as importers_router
from library.api_v1 import router as library_router
from partners.api_v1 import router as partners_router
from partners.auth import MissingScope, RateLimited
from reports.api import BodyNotJson, decode_json
from reports.api_v1 import router as reports_router
from reports.api_v1 import statistics_router
from search.api_v1 import router as search_router
from targeting.api_v1 import router as leads_router

from .api_errors import BadParameters, NotFound

DESCRIPTION = """
The public API of CBP's counterfeit goods site, for mobile apps and marketplace partners.

- **Library, search, importers, statistics**: open, no key.
- **Reports**: the same contract as `/api/reports`; no key, rate-limited per client.
- **Partner**: a key from CBP, sent as `Authorization: Bearer <key>`, with the scope each route names.

Errors are JSON: `{"error": "..."}` or `{"errors": {"field": ["..."]}}`.
"""


class BodyTooLarge(ValueError):
    pass


class JsonBodyParser(Parser):
    """Says where a JSON body is broken, as /api/reports does (django-ninja wraps the error; `http_error`
    below unwraps it)."""

    def parse_body(self, request):
        try:
            return decode_json(request.body)
        except RequestDataTooBig:
            raise BodyTooLarge(_("The request is too large.")) from None


api = NinjaAPI(
    title="CBP counterfeit goods API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=JsonBodyParser(),
)
api.add_router("/library", library_router)
api.add_router("/search", search_router)
api.add_router("/reports", reports_router)
api.add_router("/importers", importers_router)
api.add_router("/statistics", statistics_router)
api.add_router("/partner", partners_router)
api.add_router("/partner/leads", leads_router)


def _field(location):
    """ "body.payload.reports.3" → "reports.3"; "query.page" → "page"."""
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    if parts and parts[0] in {"payload", "filters", "parameters"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = {}
    for problem in exc.errors:
        errors.setdefault(_field(problem.get("loc", ())), []).append(problem.get("msg", "Invalid value."))
    return api.create_response(request, {"errors": errors}, status=400)


@api.exception_handler(BadParameters)
def bad_parameters(request, exc):
    errors = {field: [str(message) for message in messages] for field, messages in exc.errors.items()}
    return api.create_response(request, {"errors": errors}, status=400)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = api.create_response(
        request,
        {"error": _("Authentication failed. Send a valid API key in the header “Authorization: Bearer <key>”.")},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(MissingScope)
def missing_scope(request, exc):
    message = _("This key may not do this: it needs the scope “%(scope)s”. Ask CBP to add it.") % {"scope": exc.scope}
    return api.create_response(request, {"error": message}, status=403)


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    message = _("Too many requests with this key. Try again in %(seconds)s seconds.") % {"seconds": exc.retry_after}
    response = api.create_response(request, {"error": message}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(NotFound)
def not_found(request, exc):
    return api.create_response(request, {"error": str(exc)}, status=404)


@api.exception_handler(Http404)
def http_not_found(request, exc):
    return api.create_response(request, {"error": _("Nothing here. See /api/v1/docs for the addresses.")}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc):
    return api.create_response(request, {"error": _("The request is too large.")}, status=413)


@api.exception_handler(HttpError)
def http_error(request, exc):
    if isinstance(exc.__cause__, BodyNotJson):
        return api.create_response(request, {"errors": {"body": [str(exc.__cause__)]}}, status=400)
    if isinstance(exc.__cause__, BodyTooLarge):
        return api.create_response(request, {"error": str(exc.__cause__)}, status=413)
    return api.create_response(request, {"error": str(exc)}, status=exc.status_code)


def _json_method_not_allowed(view):
    """django-ninja answers a wrong method with a plain-text 405; ours is JSON like every other error."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            answer = JsonResponse(
                {"error": _("Use %(methods)s for this address.") % {"methods": " or ".join(allowed.split(", "))}},
                status=405,
            )
            answer["Allow"] = allowed
            return answer
        return response

    return wrapped


def api_urls():
    """The API's URL patterns, for website/urls.py."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _json_method_not_allowed(pattern.callback)
    return patterns, app_name, namespace


def api_not_found(request):
    """Any other address under /api/v1/: a JSON 404 rather than the website's page."""
    return JsonResponse({"error": _("Nothing here. See /api/v1/docs for the addresses.")}, status=404)
