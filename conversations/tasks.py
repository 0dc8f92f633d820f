import logging

from django_tasks import task

from . import notices

logger = logging.getLogger(__name__)


@task()
def send_reporter_notices():
    """Send the notices waiting in the outbox (questions, and status updates reporters asked for)."""
    return notices.send_pending()


def enqueue_sending():
    """Queue the sending (call it after the commit). The rows wait in the outbox whatever happens here."""
    try:
        send_reporter_notices.enqueue()
    except Exception:  # cron (`manage.py send_reporter_notices`) sends them
        logger.exception("Could not queue the reporter notices")
