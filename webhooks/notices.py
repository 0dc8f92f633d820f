"""Emails about new referrals to the organisation's members: no report content, only a link to the portal.

Each is an `EmailNotice` row written with the referral; `send_pending` sends them and deletes a row once the mail
server has accepted it, so nothing is lost while it is away. A member who left the organisation, or turned the
emails off, after the referral was made gets nothing. An email is given up (deleted, logged as an error; the
referral itself waits in the portal) by the same rule as the reporters' notices (conversations/mail_retries.py):
at once when the mail server refuses the address, otherwise after NOTICE_MAX_ATTEMPTS failed runs.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse

from conversations.mail_retries import gives_up

from .links import portal_url, site_url
from .models import EmailNotice
from .preferences import members_to_email

logger = logging.getLogger(__name__)


def render(notice):
    context = {
        "organisation": notice.organisation.name,
        "portal_url": portal_url(),
        "preferences_url": site_url(reverse("portal:webhooks_portal:preferences")),
    }
    subject = " ".join(render_to_string("webhooks/email/new_referral_subject.txt", context).split())
    return subject, render_to_string("webhooks/email/new_referral.txt", context)


def send_one(notice):
    """True when done (sent, or no longer wanted), False when it must wait for the mail server."""
    if notice.user not in members_to_email(notice.organisation):
        return True
    subject, body = render(notice)
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [notice.user.email]).send()
    except Exception as error:  # any mail failure: keep the row for the next run
        if gives_up(error, notice.attempts + 1):
            logger.error("Gave up the new referral email %s: %s", notice.pk, type(error).__name__)
            return True
        EmailNotice.objects.filter(pk=notice.pk).update(attempts=F("attempts") + 1, last_error=type(error).__name__)
        logger.warning("Could not send the new referral email %s: %s", notice.pk, type(error).__name__)
        return False
    return True


def send_pending(limit=500):
    """Send the waiting emails, oldest first. Returns (sent or settled, waiting)."""
    done = waiting = 0
    for notice_id in list(EmailNotice.objects.values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            notice = (
                EmailNotice.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("user", "organisation")
                .filter(pk=notice_id)
                .first()
            )
            if notice is None:
                continue
            if send_one(notice):
                notice.delete()
                done += 1
            else:
                waiting += 1
    return done, waiting
