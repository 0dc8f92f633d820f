"""`POST /api/reports/{tracking_number}/messages` (and under /api/v1/): the reporter answers CBP.

The same body rules, key check and limits as additions (reports.api): JSON `{"text"}` or multipart with `text` and
up to 5 `files`; a wrong or missing X-Receipt-Key and an unknown number give the same 404; 400, 413, 415, 429 and
503 as for submissions; counted against the additions limit.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from reports import api, lookup, ratelimits
from reports.attachments import check_files
from reports.storage import StorageUnavailable
from reports.validation import TEXT_MAX, Errors, clean_text

from . import exchange


@never_cache
@csrf_exempt
def messages(request, tracking_number):
    if request.method != "POST":
        return api.method_not_allowed(["POST"])
    problem = api.precheck(request)
    if problem:
        return problem
    client = ratelimits.client_key(request)
    found = lookup.find_report(tracking_number, request.headers.get("X-Receipt-Key", ""), client)
    if found.refused:
        return api.too_many(found.refused)
    if found.report is None:
        return api.error(404, lookup.NOT_FOUND)
    verdict = ratelimits.hit("addition", client)
    if not verdict.allowed:
        return api.too_many(verdict)
    try:
        data, uploads = api.parse_body(request)
    except api.BodyProblem as problem:
        return problem.response

    errors = Errors()
    text = clean_text(data.get("text"), "text", errors, max_length=TEXT_MAX, label=_("the text"))
    if not text and not errors:
        errors.add("text", _("Write your message (1 to 5,000 characters)."))
    clean_files, file_errors, too_large = check_files(uploads)
    if file_errors:
        errors["files"] = file_errors
    if errors:
        return api.errors_response(errors, status=413 if too_large else 400)
    try:
        message = exchange.answer(found.report, text, clean_files)
    except StorageUnavailable:
        return api.files_unavailable()
    return JsonResponse({"sent_at": message.sent_at.isoformat()}, status=201)
