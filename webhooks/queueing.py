"""Asking the background worker to send the notices of new referrals (after the commit that wrote them)."""

import logging

from django.db import transaction
from django_tasks import default_task_backend

from .tasks import send_referral_notices

logger = logging.getLogger(__name__)


def enqueue_sending(run_after=None):
    """Queue the sending. The rows wait in the outbox whatever happens here: cron sends them too."""
    try:
        if run_after is None:
            send_referral_notices.enqueue()
        elif default_task_backend.supports_defer:
            send_referral_notices.using(run_after=run_after).enqueue()
    except Exception:  # cron (`manage.py send_referral_notices`) sends them
        logger.exception("Could not queue the notices of new referrals")


def enqueue_after_commit():
    transaction.on_commit(enqueue_sending)
