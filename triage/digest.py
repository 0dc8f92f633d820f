"""The digest for triage officers: new urgent reports and what is rising (surges.py), to every officer in one
message; and to each officer on their own, the new reports matching the searches they follow (following.py).
Tracking numbers, categories, ages and links, never contact data."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from reports.choices import Priority

from .following import undigested_matches
from .models import DigestRun, FollowMatch, TriageReport
from .permissions import triage_officers
from .surges import compute_surges

FIRST_WINDOW = timedelta(days=1)


def new_urgent_reports(since, until):
    return (
        TriageReport.objects.filter(priority=Priority.URGENT, submitted_at__gte=since, submitted_at__lt=until)
        .select_related("product_category")
        .order_by("submitted_at")
    )


def surge_key(surge):
    return f"{surge.kind}:{surge.value}"


def send_digest(now=None):
    """Email officers the urgent reports since the last digest and what is rising, and each officer the new
    reports matching their followed searches. Returns (urgent reports, recipients, surges, personal digests).

    The shared message is sent when there are new urgent reports or something new is rising (a surge the last
    digest did not list); it lists every current surge.
    """
    now = now or timezone.now()
    last = DigestRun.objects.first()
    since = last.sent_at if last else now - FIRST_WINDOW
    reports = list(new_urgent_reports(since, now))
    surges = compute_surges(now).surges
    listed_before = set(last.surges) if last else set()
    new_surges = [surge for surge in surges if surge_key(surge) not in listed_before]
    recipients = sorted({user.email for user in triage_officers() if user.email})
    personal = send_following_digests(now)
    if not (reports or new_surges) or not recipients:
        # Still rising and listed before: remembered, so it is not announced again on its own.
        kept = [surge_key(surge) for surge in surges if surge_key(surge) in listed_before]
        DigestRun.objects.create(sent_at=now, report_count=0, recipient_count=0, surges=kept)
        return 0, 0, 0, personal
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
    context = {
        "rows": rows,
        "since": since,
        "queue_url": base + reverse("triage:index") + "?priority=urgent",
        "surges": surges,
        "trends_url": base + reverse("triage-trends:index"),
    }
    if rows:
        subject = f"{len(rows)} new urgent report(s) in the triage queue"
    else:
        subject = f"Rising in the last 7 days: {len(surges)} surge(s) in reports"
    body = render_to_string("triage/email/digest.txt", context)
    # One message, officers in Bcc so they do not see each other's addresses. A failure raises and records
    # no run, so the next run sends these reports again.
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=[], bcc=recipients).send()
    DigestRun.objects.create(
        sent_at=now, report_count=len(rows), recipient_count=len(recipients), surges=[surge_key(s) for s in surges]
    )
    return len(rows), len(recipients), len(surges), personal


def send_following_digests(now):
    """To each officer (with an email address, still allowed to see the queue), the reports matching their
    followed searches that no digest has listed yet. Returns how many officers were sent one."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for user in triage_officers().exclude(email=""):
        matches = list(undigested_matches(user))
        if not matches:
            continue
        rows = [
            {
                "search": match.follow.name,
                "tracking_number": match.report.tracking_number,
                "category": match.report.product_category.name,
                "url": base + reverse("triage:inspect", args=[match.report_id]),
            }
            for match in matches
        ]
        context = {"rows": rows, "following_url": base + reverse("triage-following:index")}
        subject = f"{len(rows)} new report(s) matching the searches you follow"
        body = render_to_string("triage/email/following.txt", context)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=[user.email]).send()
        FollowMatch.objects.filter(pk__in=[match.pk for match in matches]).update(digested_at=now)
        sent += 1
    return sent
