"""The status page at /report/status/: look a report up with its tracking number and receipt key, see its
public status, and add information or files.

Only the public status and dates are ever shown: no contact details, staff notes or other reports. A
successful lookup lets this browser session see that one report for 30 minutes.
"""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from conversations.thread import status_page_context
from outcomes.reporter import status_context

from . import lookup, ratelimits
from .attachments import MAX_FILES, check_files
from .choices import PUBLIC_STATUS_EXPLANATIONS
from .forms import AdditionForm, StatusLookupForm
from .models import Report
from .storage import UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER, StorageUnavailable
from .submission import add_information
from .validation import TEXT_MAX, Errors, clean_text
from .views import too_many

ACCESS_KEY = "report_status_access"
ACCESS_SECONDS = 30 * 60


def grant_access(session, tracking_number):
    now = timezone.now().timestamp()
    access = {number: until for number, until in session.get(ACCESS_KEY, {}).items() if until > now}
    access[tracking_number] = now + ACCESS_SECONDS
    session[ACCESS_KEY] = access


def has_access(session, tracking_number):
    return session.get(ACCESS_KEY, {}).get(tracking_number, 0) > timezone.now().timestamp()


@never_cache  # a report's status is never kept by a browser or proxy
@require_http_methods(["GET", "POST"])
def lookup_page(request):
    # A notice email's link names the report (?number=): the reporter then types only the receipt key.
    form = StatusLookupForm(request.POST or None, initial={"tracking_number": request.GET.get("number", "")[:40]})
    not_found = False
    if request.method == "POST" and form.is_valid():
        client = ratelimits.client_key(request)
        found = lookup.find_report(form.cleaned_data["tracking_number"], form.cleaned_data["receipt_key"], client)
        if found.refused:
            return too_many(request, found.refused)
        if found.report is not None:
            grant_access(request.session, found.report.tracking_number)
            return redirect("reports:status_detail", tracking_number=found.report.tracking_number)
        not_found = True
    return render(
        request,
        "reports/status_lookup.html",
        {"form": form, "not_found_message": lookup.NOT_FOUND if not_found else ""},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def detail(request, tracking_number):
    if not has_access(request.session, tracking_number):
        return redirect("reports:status")
    report = (
        Report.objects.only(
            "tracking_number", "status", "submitted_at", "updated_at", "product_category_id", "anonymous"
        )
        .filter(tracking_number=tracking_number)
        .first()
    )
    if report is None:
        return redirect("reports:status")
    form = AdditionForm(request.POST or None)
    file_problems = []
    status = 200
    if request.method == "POST":
        verdict = ratelimits.hit("addition", ratelimits.client_key(request))
        if not verdict.allowed:
            return too_many(request, verdict)
        errors = Errors()
        text = ""
        if form.is_valid():
            text = clean_text(form.cleaned_data["text"], "text", errors, max_length=TEXT_MAX, label=_("your text"))
        clean_files, file_problems, too_large = check_files(request.FILES.getlist("files"))
        for message in errors.get("text", []):
            form.add_error("text", message)
        if not form.errors and not file_problems and not text and not clean_files:
            form.add_error("text", _("Add some text or at least one file."))
        status = 413 if too_large else 200
        if not form.errors and not file_problems:
            try:
                add_information(report, text, clean_files)
                return redirect(request.path + "?added=1")
            except StorageUnavailable:
                file_problems, status = [UNAVAILABLE_MESSAGE], 503
    context = {
        "report": report,
        "status_label": report.public_status_label,
        "status_explanation": PUBLIC_STATUS_EXPLANATIONS[report.public_status],
        "form": form,
        "file_problems": file_problems,
        "added": request.GET.get("added") == "1",
        "max_files": MAX_FILES,
        **status_context(report),  # the outcome of a closed report, and reports like it that led to action
        **status_page_context(report),  # the conversation with CBP and the status emails
        "answered": request.GET.get("answered") == "1",
        "updates_changed": request.GET.get("updates", ""),
    }
    response = render(request, "reports/status_detail.html", context, status=status)
    if status == 503:
        response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
    return response
