"""The report API: plain views answering JSON exactly as shared/report-api.md says.

No cookies or sessions are used, so CSRF does not apply. Anything a client sends gets a 4xx answer with a
message, never a 500.

Bodies: `application/json`, or `multipart/form-data` with the same fields as form fields plus up to 5
`files`. In a multipart body, `reasons` is repeated (or one JSON list), booleans are `true`/`false`, and the
contact is `contact.name`, `contact.email`, `contact.phone` (or `contact` as a JSON object string).
"""

import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from conversations.thread import status_fields
from outcomes.reporter import public_outcome

from . import lookup, ratelimits
from .attachments import check_files
from .choices import Source
from .storage import UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER, StorageUnavailable
from .submission import add_information, submit_report
from .validation import NOT_UNICODE, TEXT_MAX, Errors, clean_text, is_valid_unicode, validate_report

ACCEPTED_TYPES = ("application/json", "multipart/form-data")


class BodyProblem(Exception):
    def __init__(self, response):
        self.response = response


def error(status, message, **headers):
    response = JsonResponse({"error": str(message)}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def errors_response(errors, status=400):
    return JsonResponse(
        {"errors": {field: [str(m) for m in messages] for field, messages in errors.items()}}, status=status
    )


def method_not_allowed(allowed):
    response = error(405, _("Use %(methods)s for this address.") % {"methods": " or ".join(allowed)})
    response["Allow"] = ", ".join(allowed)
    return response


def too_many(verdict):
    return error(429, lookup.too_many_message(verdict.retry_after), Retry_After=str(verdict.retry_after))


def files_unavailable():
    """503: the report-files folder cannot be written; nothing was saved."""
    return error(503, UNAVAILABLE_MESSAGE, Retry_After=str(UNAVAILABLE_RETRY_AFTER))


def status_url(language):
    with translation.override(language):
        return reverse("reports:status")


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def precheck(request):
    """413 and 415 answers that need no parsing, or None."""
    if _content_length(request) > settings.REPORT_MAX_REQUEST_BYTES:
        return error(
            413,
            _("The request is too large. Send at most 5 files of 10 MB each (%(mb)s MB in all).")
            % {"mb": settings.REPORT_MAX_REQUEST_BYTES // (1024 * 1024)},
        )
    if request.content_type not in ACCEPTED_TYPES:
        return error(
            415,
            _(
                "Send the report as JSON (Content-Type: application/json) or as a form with files"
                " (Content-Type: multipart/form-data)."
            ),
        )
    return None


def _multipart_data(post):
    data = {}
    for key in post:
        values = post.getlist(key)
        if key in {"reasons", "reasons[]"}:
            if len(values) == 1 and values[0].strip().startswith("["):
                data["reasons"] = _json_or(values[0], values)
            else:
                data["reasons"] = [value for value in values if value != ""]
        elif key.startswith("contact."):
            contact = data.setdefault("contact", {})
            if isinstance(contact, dict):
                contact[key.removeprefix("contact.")] = values[-1]
        elif key == "contact":
            data["contact"] = _json_or(values[-1], values[-1]) if values[-1].strip() else None
        else:
            data[key] = values[-1]
    return data


def _json_or(text, fallback):
    try:
        return decode_json(text.encode("utf-8", "surrogatepass"))
    except BodyNotJson:
        return fallback


class BodyNotJson(ValueError):
    """The body is not JSON we can use; the message says why, for the client."""


# Lists and objects inside each other: no report or partner call needs more than a few levels.
MAX_JSON_DEPTH = 20
# Whole numbers longer than this are read as Decimal: Python refuses to turn more than 4,300 digits into an int,
# and the field's own rule (a price of 1,000,000 or less...) then answers.
LONG_NUMBER_DIGITS = 50


def _whole_number(text):
    return int(text) if len(text) <= LONG_NUMBER_DIGITS else Decimal(text)


def _check_nesting_and_text(data):
    """BodyNotJson when data is nested more than MAX_JSON_DEPTH levels or holds text that is not Unicode."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if not is_valid_unicode(value):
                raise BodyNotJson(str(NOT_UNICODE))
        elif isinstance(value, list | dict):
            if depth > MAX_JSON_DEPTH:
                raise BodyNotJson(TOO_DEEP % {"max": MAX_JSON_DEPTH})
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            pending.extend((item, depth + 1) for item in items)


TOO_DEEP = _lazy("The body is nested too deeply: send at most %(max)s levels of lists and objects.")


def decode_json(body):
    """The parsed JSON body (bytes). Raises BodyNotJson with a message a person can act on."""
    try:
        data = json.loads(body.decode("utf-8"), parse_int=_whole_number)
    except UnicodeDecodeError:
        raise BodyNotJson(_("Send the body as UTF-8 text.")) from None
    except json.JSONDecodeError as problem:
        raise BodyNotJson(
            _("The body is not valid JSON: %(problem)s at line %(line)s, column %(column)s.")
            % {"problem": problem.msg, "line": problem.lineno, "column": problem.colno}
        ) from None
    except RecursionError:
        raise BodyNotJson(TOO_DEEP % {"max": MAX_JSON_DEPTH}) from None
    _check_nesting_and_text(data)
    return data


def parse_body(request):
    """(data dict, uploaded files). Raises BodyProblem with the answer to give."""
    try:
        if request.content_type == "application/json":
            try:
                data = decode_json(request.body)
            except BodyNotJson as problem:
                raise BodyProblem(errors_response({"body": [str(problem)]})) from None
            if not isinstance(data, dict):
                raise BodyProblem(errors_response({"body": [_('Send a JSON object, like {"description": "..."}.')]}))
            return data, []
        return _multipart_data(request.POST), request.FILES.getlist("files")
    except RequestDataTooBig:
        raise BodyProblem(error(413, _("The request is too large."))) from None
    except (MultiPartParserError, BadRequest, SuspiciousOperation):
        raise BodyProblem(
            errors_response({"body": [_("We could not read this form data. Check how it is encoded.")]})
        ) from None


# Answers carrying a receipt key or a report's status, errors included, are never stored (Cache-Control: no-store).
@never_cache
@csrf_exempt
def submit(request):
    if request.method != "POST":
        return method_not_allowed(["POST"])
    problem = precheck(request)
    if problem:
        return problem
    client = ratelimits.client_key(request)
    verdict = ratelimits.hit("submit", client)
    if not verdict.allowed:
        return too_many(verdict)
    try:
        data, uploads = parse_body(request)
    except BodyProblem as problem:
        return problem.response

    cleaned, errors = validate_report(data, default_language=translation.get_language() or "en")
    clean_files, file_errors, too_large = check_files(uploads)
    if file_errors:
        errors["files"] = file_errors
    if errors:
        return errors_response(errors, status=413 if too_large else 400)

    try:
        submission = submit_report(
            cleaned,
            clean_files,
            source=Source.API,
            client=client,
            idempotency_key=request.headers.get("Idempotency-Key", "")[:200],
        )
    except StorageUnavailable:
        return files_unavailable()
    report = submission.report
    answer = {"tracking_number": report.tracking_number, "status_url": status_url(report.preferred_language)}
    if not submission.created:
        answer["duplicate"] = True
        answer["message"] = _(
            "We already received this report. Use the receipt key from the first answer; we cannot show it again."
        )
        return JsonResponse(answer, status=200)
    return JsonResponse({**answer, "receipt_key": submission.receipt_key}, status=201)


def _find(request, tracking_number, client):
    """The report for this number and X-Receipt-Key, or an error answer (404 or 429)."""
    found = lookup.find_report(tracking_number, request.headers.get("X-Receipt-Key", ""), client)
    if found.refused:
        return None, too_many(found.refused)
    if found.report is None:
        return None, error(404, lookup.NOT_FOUND)
    return found.report, None


@never_cache
@csrf_exempt
def status(request, tracking_number):
    if request.method != "GET":
        return method_not_allowed(["GET"])
    report, problem = _find(request, tracking_number, ratelimits.client_key(request))
    if problem:
        return problem
    return JsonResponse(
        {
            "tracking_number": report.tracking_number,
            "status": report.public_status,
            "status_label": str(report.public_status_label),
            "submitted_at": report.submitted_at.isoformat(),
            "updated_at": report.updated_at.isoformat(),
            "outcome": public_outcome(report),
            **status_fields(report),  # needs_information, messages
        }
    )


@never_cache
@csrf_exempt
def additions(request, tracking_number):
    if request.method != "POST":
        return method_not_allowed(["POST"])
    problem = precheck(request)
    if problem:
        return problem
    client = ratelimits.client_key(request)
    report, problem = _find(request, tracking_number, client)
    if problem:
        return problem
    verdict = ratelimits.hit("addition", client)
    if not verdict.allowed:
        return too_many(verdict)
    try:
        data, uploads = parse_body(request)
    except BodyProblem as problem:
        return problem.response

    errors = Errors()
    text = clean_text(data.get("text"), "text", errors, max_length=TEXT_MAX, label=_("the text"))
    clean_files, file_errors, too_large = check_files(uploads)
    if file_errors:
        errors["files"] = file_errors
    if not errors and not text and not clean_files:
        errors.add("text", _("Add some text or at least one file."))
    if errors:
        return errors_response(errors, status=413 if too_large else 400)
    try:
        addition = add_information(report, text, clean_files)
    except StorageUnavailable:
        return files_unavailable()
    return JsonResponse(
        {
            "tracking_number": report.tracking_number,
            "added_at": addition.created_at.isoformat(),
            "text_added": bool(text),
            "files_added": len(clean_files),
        },
        status=201,
    )
