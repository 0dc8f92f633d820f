"""Emails to reporters: "CBP has a question" and "your report's status changed" (for those who asked).

Both hold no report content: a question notice holds only a link to the status page, a status update only the
new public status and that link (plus the unsubscribe link). They are sent in the reporter's language.

Nothing is lost when the mail server is away: every notice is a row (Notice) written in the same transaction as
the question, and status updates are found by comparing each active subscription's last status with the
report's. `send_pending` (the background task, queued after each commit, and `manage.py send_reporter_notices`
from cron) sends what waits and deletes a row only once the mail server has accepted it. A notice is given up
(kept, never tried again) by the rule in mail_retries.py: at once when the server refuses the address itself,
otherwise after NOTICE_MAX_ATTEMPTS failed runs, so one bad address is not retried for ever.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Case, CharField, F, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from reports.choices import PUBLIC_STATUS, PublicStatus
from reports.models import Report

from .mail_retries import gives_up
from .models import Notice, NoticeKind, Subscription

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "conversations.unsubscribe"


def site_url(path):
    return settings.REPORTS_BASE_URL.rstrip("/") + path


def status_page_url(report):
    with translation.override(report.preferred_language):
        path = reverse("reports:status")
    return site_url(path + "?" + urlencode({"number": report.tracking_number}))


def unsubscribe_token(subscription):
    return signing.dumps({"s": subscription.pk}, salt=UNSUBSCRIBE_SALT)


def subscription_from_token(token):
    """The subscription a signed unsubscribe token names, or None when the token was not made by us."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return None
    return Subscription.objects.filter(pk=data["s"]).select_related("report").first()


def unsubscribe_url(subscription):
    with translation.override(subscription.report.preferred_language):
        return site_url(reverse("conversations:stop", args=[unsubscribe_token(subscription)]))


def public_status_expression():
    """The report's public status, worked out by the database (PUBLIC_STATUS as a CASE)."""
    return Case(
        *[When(report__status=staff, then=Value(public.value)) for staff, public in PUBLIC_STATUS.items()],
        default=Value(PublicStatus.RECEIVED.value),
        output_field=CharField(),
    )


def queue_status_updates():
    """A Notice for every active subscription whose report's public status is not the one last sent."""
    with transaction.atomic():
        changed = list(
            Subscription.objects.select_for_update()
            .filter(active=True)
            .annotate(now_status=public_status_expression())
            .exclude(last_status=F("now_status"))
        )
        for subscription in changed:
            Notice.objects.create(
                report_id=subscription.report_id, kind=NoticeKind.STATUS, public_status=subscription.now_status
            )
            Subscription.objects.filter(pk=subscription.pk).update(last_status=subscription.now_status)
    return len(changed)


def reporter_email(report):
    if report.anonymous:
        return ""
    contact = getattr(report, "contact", None)  # None when no contact row (anonymous, or none given)
    return contact.email if contact else ""


def render_notice(notice, report):
    """(subject, body, headers) of a notice, in the reporter's language."""
    with translation.override(report.preferred_language):
        context = {"status_url": status_page_url(report)}
        headers = {}
        if notice.kind == NoticeKind.STATUS:
            subscription = Subscription.objects.filter(report=report, active=True).first()
            if subscription is None:
                return None  # they stopped the updates after it was queued
            context["status_label"] = str(PublicStatus(notice.public_status).label)
            context["unsubscribe_url"] = unsubscribe_url(subscription)
            headers = {
                "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        name = f"conversations/email/{notice.kind}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        body = render_to_string(f"{name}.txt", context)
    return subject, body, headers


def send_one(notice):
    """Send one notice. True when it is done (sent, or nothing to send), False when it must wait."""
    report = Report.objects.select_related("contact").filter(pk=notice.report_id).first()
    email = reporter_email(report) if report else ""
    rendered = render_notice(notice, report) if email else None
    if rendered is None:
        return True
    subject, body, headers = rendered
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email], headers=headers).send()
    except Exception as error:  # any mail failure: keep the row for the next run
        # Only the kind of error: mail servers quote the reporter's address back.
        give_up = gives_up(error, notice.attempts + 1)
        Notice.objects.filter(pk=notice.pk).update(
            attempts=F("attempts") + 1,
            last_error=type(error).__name__[:100],
            gave_up_at=timezone.now() if give_up else None,
        )
        log = logger.error if give_up else logger.warning
        log(
            "%s the %s notice for report %s: %s",
            "Gave up sending" if give_up else "Could not send",
            notice.kind,
            report.tracking_number,
            type(error).__name__,
        )
        return False
    return True


def send_pending(limit=500):
    """Queue status updates, then send the waiting notices, oldest first. Returns (sent or settled, waiting)."""
    queue_status_updates()
    done = waiting = 0
    pending = Notice.objects.filter(gave_up_at__isnull=True)
    for notice_id in list(pending.values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            # Locked while it is sent, so two workers never send the same notice (skipped if another has it).
            notice = pending.select_for_update(skip_locked=True).filter(pk=notice_id).first()
            if notice is None:
                continue
            if send_one(notice):
                notice.delete()
                done += 1
            else:
                waiting += 1
    return done, waiting
