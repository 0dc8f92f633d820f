"""Answers for requests the site cannot serve right now or cannot read: JSON under /api/, a plain page elsewhere.

The page needs nothing from the database (templates/website/plain_error.html), so it can be shown when the
database is the problem. The same page, written to static files, is what nginx answers without asking the site
(too_many_searches_page).
"""

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def is_api(request):
    return request.path.startswith(API_PREFIX)


def plain_error(request, status, *, heading, intro, advice, **headers):
    """`{"error": intro}` for the API, else the plain page; headers given as Retry_After="30"."""
    if is_api(request):
        response = JsonResponse({"error": str(intro)}, status=status)
    else:
        response = HttpResponse(_page(heading, intro, advice), status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    response["Cache-Control"] = "no-store"
    return response


def too_many_searches_page(language):
    """The page nginx shows, in `language`, to an address searching past its limit (deploy/nginx/shop-safe.conf);
    written to STATIC_ROOT by `manage.py write_error_pages`."""
    with translation.override(language):
        return _page(
            _("Too many searches"),
            _("Many searches came from your address in a short time."),
            _("Wait 10 seconds, then search again."),
        )


def _page(heading, intro, advice):
    return render_to_string("website/plain_error.html", {"heading": heading, "intro": intro, "advice": advice})
