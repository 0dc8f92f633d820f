"""The reporter's side: answer CBP from the status page, switch status emails on or off, and the one-click
unsubscribe link those emails carry.

The status page's session access (a tracking number and receipt key typed in the last 30 minutes, see
reports.status_views) is the only way in to the answer and updates forms: anonymous reporters included. The
unsubscribe link is signed (django.core.signing) and does nothing but stop the emails.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from reports import ratelimits
from reports.attachments import MAX_FILES, check_files
from reports.models import Report
from reports.status_views import has_access
from reports.storage import UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER, StorageUnavailable
from reports.views import too_many

from . import exchange
from .forms import AnswerForm
from .notices import subscription_from_token
from .thread import messages_for


def _report_for(request, tracking_number):
    if not has_access(request.session, tracking_number):
        return None
    return Report.objects.filter(tracking_number=tracking_number).first()


def _status_page(tracking_number, flag):
    return reverse("reports:status_detail", args=[tracking_number]) + f"?{flag}"


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, tracking_number):
    report = _report_for(request, tracking_number)
    if report is None:
        return redirect("reports:status")
    form = AnswerForm(request.POST if request.method == "POST" else None)
    file_problems, status = [], 200
    if request.method == "POST":
        verdict = ratelimits.hit("addition", ratelimits.client_key(request))
        if not verdict.allowed:
            return too_many(request, verdict)
        clean_files, file_problems, too_large = check_files(request.FILES.getlist("files"))
        if form.is_valid() and not file_problems:
            try:
                exchange.answer(report, form.cleaned_data["text"], clean_files)
                return redirect(_status_page(report.tracking_number, "answered=1"))
            except StorageUnavailable:
                file_problems, status = [UNAVAILABLE_MESSAGE], 503
        else:
            status = 413 if too_large else 400
    response = render(
        request,
        "conversations/answer.html",
        {
            "report": report,
            "conversation": messages_for(report),
            "form": form,
            "file_problems": file_problems,
            "max_files": MAX_FILES,
        },
        status=status,
    )
    if status == 503:
        response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
    return response


@never_cache
@require_POST
def updates(request, tracking_number):
    """Start or stop the status emails from the status page (`updates` = "on" or "off")."""
    report = _report_for(request, tracking_number)
    if report is None:
        return redirect("reports:status")
    if request.POST.get("updates") == "on":
        done = exchange.subscribe(report)
        return redirect(_status_page(report.tracking_number, "updates=on" if done else "updates=no-email"))
    subscription = getattr(report, "status_subscription", None)
    if subscription is not None:
        exchange.unsubscribe(subscription)
    return redirect(_status_page(report.tracking_number, "updates=off"))


# The link in a status email: opening it (GET) or a mail client's one-click POST (RFC 8058, List-Unsubscribe-Post)
# stops the emails. No session or CSRF token: the signed link is the whole credential, and all it can do is stop.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def stop(request, token):
    subscription = subscription_from_token(token)
    if subscription is None:
        return render(request, "conversations/stopped.html", {"bad_link": True}, status=404)
    exchange.unsubscribe(subscription)
    return render(
        request,
        "conversations/stopped.html",
        {"bad_link": False, "message": _("You will get no more emails about this report.")},
    )
