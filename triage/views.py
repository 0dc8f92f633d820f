"""Staff actions on cases, referrals and the queue (POST only), the Go to report box, the file download and the
contact details. (The actions on one report's page are in report_actions.py.)

Each view checks the triage permission policy itself; the admin's URL wrapper already turned away
anonymous people and anyone without admin access. The work is done in operations.py.
"""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports.attachments import served_as
from reports.models import Attachment, Report
from reports.receipts import normalize_tracking_number

from . import operations
from .finding import report_by_tracking_number
from .forms import (
    BulkActionForm,
    GoToReportForm,
    ReferralForm,
    ReferralUpdateForm,
    suggested_partner,
)
from .job_views import job_url, start_job
from .models import Case, Referral
from .permissions import can
from .referrals import referral_summary


def _require(request, action):
    if not can(request.user, action):
        raise PermissionDenied


def _report(pk):
    return get_object_or_404(Report.objects.select_related("product_category"), pk=pk)


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def go_to_report(request):
    """The queue's "Go to report" box: a tracking number, typed any way, opens that report's page."""
    _require(request, "view")
    form = GoToReportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Type a tracking number, like CF-7KQ2-XW9T, to go to its report."))
        return redirect(reverse("triage:index"))
    typed = form.cleaned_data["tracking_number"]
    if not normalize_tracking_number(typed):
        messages.error(
            request,
            _(
                "“%(typed)s” is not a tracking number. They look like CF-7KQ2-XW9T. To find order or parcel numbers, use the search."
            )
            % {"typed": typed},
        )
        return redirect(reverse("triage:index"))
    report = report_by_tracking_number(typed)
    if report is None:
        messages.error(
            request,
            _("No report has the tracking number %(number)s. Check it against the reporter's receipt.")
            % {"number": normalize_tracking_number(typed)},
        )
        return redirect(reverse("triage:index"))
    return redirect(reverse("triage:inspect", args=[report.pk]))


def _refer(request, form, **subject):
    """Refer as the form says, then say in words who got what (or why nothing was sent)."""
    if not form.is_valid():
        _form_errors(request, form)
        return
    data = form.cleaned_data
    try:
        referral = operations.refer(
            agency=data["agency"],
            note=data["note"],
            partner_note=data["partner_note"],
            recipient=data["shared_with"],
            user=request.user,
            **subject,
        )
    except operations.OperationError as error:
        messages.error(request, str(error))
        return
    messages.success(request, referral_summary(referral.get_agency_display(), referral.recipient))


@require_POST
def refer_case(request, pk):
    _require(request, "refer")
    case = get_object_or_404(Case, pk=pk)
    _refer(request, ReferralForm(request.POST, suggested=suggested_partner(case.reports.all())), case=case)
    return redirect(reverse("triage-cases:inspect", args=[case.pk]))


@require_POST
def update_referral(request, referral_id):
    _require(request, "refer")
    referral = get_object_or_404(Referral.objects.select_related("report", "case"), pk=referral_id)
    form = ReferralUpdateForm(request.POST)
    if form.is_valid():
        operations.update_referral(
            referral, form.cleaned_data["status"], user=request.user, outcome=form.cleaned_data["outcome"]
        )
        messages.success(
            request,
            _("The referral to %(partner)s is now: %(status)s.")
            % {"partner": referral.get_agency_display(), "status": referral.get_status_display()},
        )
    else:
        _form_errors(request, form)
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    if referral.report_id:
        return redirect(reverse("triage:inspect", args=[referral.report_id]))
    return redirect(reverse("triage-cases:inspect", args=[referral.case_id]))


@require_POST
def contact(request, pk):
    """The reporter's contact details, after a deliberate click. Every view is logged (who, when)."""
    _require(request, "view_contact")
    report = _report(pk)
    contact = getattr(report, "contact", None)
    operations.log_contact_view(report, user=request.user)
    response = TemplateResponse(
        request,
        "triage/contact.html",
        {
            "report": report,
            "contact": contact,
            "page_title": _("Contact details for %(tracking)s") % {"tracking": report.tracking_number},
            "back_url": reverse("triage:inspect", args=[report.pk]),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def download_file(request, attachment_id):
    """Stream a report's file from the private storage, as a download, to triage staff only.

    The name is `report-<tracking number>-file-<n>.<ext>` and the type the one its first bytes show (see
    attachments.served_as): never the reporter's file name, so a file sent as `receipt.html` can never open
    as a web page. Files stored before this rule are served by it too."""
    _require(request, "view")
    attachment = get_object_or_404(Attachment.objects.select_related("report"), pk=attachment_id)
    try:
        handle = attachment.file.open("rb")
        head = handle.read(32)
        handle.seek(0)
    except (FileNotFoundError, OSError) as error:
        raise Http404("The file is missing from the storage.") from error
    content_type, _extension = served_as(head, attachment.content_type)
    operations.log_file_download(attachment.report, attachment, user=request.user)
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.download_name(content_type), content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def bulk_action(request):
    """Start a bulk job for the ticked reports (or every report matching the queue's filters) and show its
    progress. The background worker does the work in batches (bulk_jobs.py)."""
    _require(request, "change")
    form = BulkActionForm(request.POST)
    next_url = request.POST.get("next", "")
    if not (next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})):
        next_url = reverse("triage:index")
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(next_url)
    job = start_job(form.cleaned_data["action"], request.user, form.job_parameters())
    return redirect(job_url(job, back=quote(next_url, safe="")))
