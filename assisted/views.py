"""Keying in an assisted report, and the page that shows its receipt key once with a letter to print or mail.

Only staff with `reports.key_in_report` (the Assisted reports group) reach these pages. The report is saved by
reports.submission.submit_report like any other (same rules, same confirmation email when an address was given),
with its source (phone, mail or TTY), and the keying-in is in the audit log under the officer's name. The receipt
key waits in the officer's session (server side) only until the receipt page reads it: reloading that page says
it was already shown, as for a new API key.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from reports.models import Report
from reports.receipts import hash_receipt_key
from reports.submission import submit_report
from triage.operations import as_logged

from .forms import AssistedReportForm

PERMISSION = "reports.key_in_report"
SESSION_KEY = "assisted_receipt_keys"


def _require(user):
    if not (user.is_active and user.has_perm("wagtailadmin.access_admin") and user.has_perm(PERMISSION)):
        raise PermissionDenied


def _language(request):
    return "es" if (getattr(request, "LANGUAGE_CODE", "en") or "en").startswith("es") else "en"


@never_cache
@require_http_methods(["GET", "POST"])
def key_in(request):
    _require(request.user)
    if request.method == "POST":
        form = AssistedReportForm(request.POST, language=_language(request))
        if form.is_valid():
            submission = submit_report(
                form.cleaned_report,
                [],
                source=form.source_value,
                client=f"staff:{request.user.pk}",
                idempotency_key=form.cleaned_data["token"],
            )
            report = submission.report
            if submission.created:
                log(
                    instance=as_logged(report),
                    action="assisted.key_in",
                    user=request.user,
                    data={"source": report.source},
                )
                waiting = request.session.get(SESSION_KEY, {})
                waiting[str(report.pk)] = submission.receipt_key
                request.session[SESSION_KEY] = waiting
            return redirect(reverse("assisted:receipt", args=[report.pk]))
        status = 400
    else:
        form = AssistedReportForm(language=_language(request))
        status = 200
    context = {"form": form, "page_title": translation.gettext("Key in a report")}
    return render(request, "assisted/key_in.html", context, status=status)


@never_cache
def receipt(request, pk):
    """The tracking number and receipt key, shown once, and the letter in the reporter's language."""
    _require(request.user)
    report = get_object_or_404(Report.objects.select_related("product_category"), pk=pk)
    waiting = request.session.get(SESSION_KEY, {})
    key = waiting.pop(str(pk), None)
    request.session[SESSION_KEY] = waiting
    # A key read from the session must belong to this report (a tampered session cannot show another's).
    if key and hash_receipt_key(key) != report.receipt_key_hash:
        key = None
    contact = getattr(report, "contact", None)
    with translation.override(report.preferred_language):
        status_path = reverse("reports:status")
    context = {
        "report": report,
        "key": key,
        "contact_name": contact.name if contact and not report.anonymous else "",
        "status_url": settings.REPORTS_BASE_URL.rstrip("/") + status_path,
        "letter_language": report.preferred_language,
        "page_title": translation.gettext("Receipt for %(tracking)s") % {"tracking": report.tracking_number},
        "key_in_url": reverse("assisted:key_in"),
    }
    return render(request, "assisted/receipt.html", context)
