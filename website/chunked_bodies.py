"""Bodies sent without a length (Transfer-Encoding: chunked) are refused with 411 Length Required.

Django reads a request body only up to CONTENT_LENGTH. gunicorn passes a chunked body with no CONTENT_LENGTH,
so Django saw an empty body and the API answered "invalid JSON", the form an empty step. Every size limit
(REPORT_MAX_REQUEST_BYTES, DATA_UPLOAD_MAX_MEMORY_SIZE) is checked against the declared length before anything
is read, so the site asks for the length instead of reading an unbounded stream. Every HTTP client can send one.
"""

from django.utils.translation import gettext as _

from .plain_errors import plain_error


class ChunkedBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("HTTP_TRANSFER_ENCODING"):
            return plain_error(
                request,
                411,
                heading=_("Send the request with its length"),
                intro=_(
                    "This request was sent in chunks without a Content-Length header. "
                    "Send it again with a Content-Length header (not Transfer-Encoding: chunked)."
                ),
                advice=_("If you used this site's own forms, reload the page and send the form again."),
            )
        return self.get_response(request)
