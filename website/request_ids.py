"""A request id on every log line of a request, and on the response, so one request can be followed through logs.

The id comes from the X-Request-ID header when the proxy in front (nginx's $request_id) or the client sent a
usable one: 8 to 64 letters, digits, dots, dashes or underscores. Anything else is ignored (never logged) and a
new random id is made. The id is kept in a context variable from the moment Django starts on the request
(`request_started`) until the answer has been sent (`request_finished`), so lines Django logs outside the
middleware (the "Not Found" and "Internal Server Error" lines) carry it too; `RequestIdFilter` (on every handler
in settings.LOGGING) copies it onto each record as `request_id` ("-" outside a request).

Written here rather than taken from django-guid: that library accepts only UUIDs (nginx's ids are 32 hex digits
without dashes) unless validation is switched off entirely, and logs the header's value when it refuses it.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.dispatch import receiver

HEADER = "X-Request-ID"
USABLE = re.compile(r"[A-Za-z0-9._-]{8,64}")
NO_REQUEST = "-"

current_request_id = ContextVar("request_id", default=NO_REQUEST)


def usable_or_new(given):
    """`given` when it is a usable id; otherwise a new one."""
    if isinstance(given, str) and USABLE.fullmatch(given):
        return given
    return uuid.uuid4().hex


@receiver(request_started)
def start_request(sender, environ=None, **kwargs):
    current_request_id.set(usable_or_new((environ or {}).get("HTTP_X_REQUEST_ID")))


@receiver(request_finished)
def finish_request(sender, **kwargs):
    current_request_id.set(NO_REQUEST)


class RequestIdMiddleware:
    """First in MIDDLEWARE: puts the id on the request (request.request_id) and on the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = current_request_id.get()
        if request_id == NO_REQUEST:  # called without Django's request_started (a test's RequestFactory)
            request_id = usable_or_new(request.headers.get(HEADER))
            current_request_id.set(request_id)
        request.request_id = request_id
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id.get()
        return True
