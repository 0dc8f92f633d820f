import logging

from django_tasks import default_task_backend, task

from . import notices, sending

logger = logging.getLogger(__name__)


@task()
def send_referral_notices():
    """Send the webhook deliveries whose time has come and the waiting emails about new referrals."""
    delivered, failed = sending.deliver_due()
    emailed, waiting = notices.send_pending()
    return {"delivered": delivered, "failed_tries": failed, "emailed": emailed, "emails_waiting": waiting}


def enqueue_sending(run_after=None):
    """Queue the sending (after the commit). The rows wait in the outbox whatever happens here."""
    try:
        if run_after is None:
            send_referral_notices.enqueue()
        elif default_task_backend.supports_defer:
            send_referral_notices.using(run_after=run_after).enqueue()
    except Exception:  # cron (`manage.py send_referral_notices`) sends them
        logger.exception("Could not queue the notices of new referrals")
