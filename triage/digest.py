"""The urgent-report digest for triage officers: tracking numbers, categories and ages, never contact data."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from reports.choices import Priority

from .models import DigestRun, TriageReport
from .permissions import triage_officers

FIRST_WINDOW = timedelta(days=1)


def new_urgent_reports(since, until):
    return (
        TriageReport.objects.filter(priority=Priority.URGENT, submitted_at__gte=since, submitted_at__lt=until)
        .select_related("product_category")
        .order_by("submitted_at")
    )


def send_digest(now=None):
    """Email officers the urgent reports since the last digest. Returns (reports, recipients) counted."""
    now = now or timezone.now()
    last = DigestRun.objects.first()
    since = last.sent_at if last else now - FIRST_WINDOW
    reports = list(new_urgent_reports(since, now))
    recipients = sorted({user.email for user in triage_officers() if user.email})
    if not reports or not recipients:
        DigestRun.objects.create(sent_at=now, report_count=0, recipient_count=0)
        return 0, 0
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    rows = [
        {
            "tracking_number": report.tracking_number,
            "category": report.product_category.name,
            "age_hours": int((now - report.submitted_at).total_seconds() // 3600),
            "url": base + reverse("triage:inspect", args=[report.pk]),
        }
        for report in reports
    ]
    context = {"rows": rows, "since": since, "queue_url": base + reverse("triage:index") + "?priority=urgent"}
    subject = f"{len(rows)} new urgent report(s) in the triage queue"
    body = render_to_string("triage/email/digest.txt", context)
    # One message, officers in Bcc so they do not see each other's addresses. A failure raises and records
    # no run, so the next run sends these reports again.
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=[], bcc=recipients).send()
    DigestRun.objects.create(sent_at=now, report_count=len(rows), recipient_count=len(recipients))
    return len(rows), len(recipients)
