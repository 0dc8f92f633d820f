"""The confirmation email sent to reporters who gave an address.

It carries the tracking number and the status page's address, never the receipt key (we do not keep it).
Errors are logged and swallowed: the report is already saved and must stay saved.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from nextsteps.matching import steps_for_report
from outcomes.reporter import actions_line

from .models import Report

logger = logging.getLogger(__name__)


def status_url(language):
    with translation.override(language):
        return reverse("reports:status")


def send_confirmation(report_id):
    """Send the confirmation for one report. Returns True when the mail server accepted it."""
    try:
        report = Report.objects.select_related("contact").get(pk=report_id)
        email = report.contact.email
    except (Report.DoesNotExist, Report.contact.RelatedObjectDoesNotExist):
        return False
    if report.anonymous or not email:
        return False
    try:
        with translation.override(report.preferred_language):
            context = {
                "report": report,
                "status_url": settings.REPORTS_BASE_URL.rstrip("/") + status_url(report.preferred_language),
                # General advice chosen by category, harm and payment method: headings and links, no words of the
                # report itself (nextsteps/matching.py).
                "next_steps": steps_for_report(report),
                "actions_line": actions_line(report.product_category_id),
            }
            subject = " ".join(render_to_string("reports/email/confirmation_subject.txt", context).split())
            body = render_to_string("reports/email/confirmation.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    except Exception as error:  # any mail failure: log it, keep the report
        # Only the kind of error: mail servers' messages (and SMTPRecipientsRefused) carry the reporter's address.
        logger.error(  # noqa: TRY400 - the traceback would hold the address
            "Could not send the confirmation email for report %s: %s", report.tracking_number, type(error).__name__
        )
        return False
    return True
