from django_tasks import default_task_backend, task

from . import notices, sending


@task()
def send_referral_notices():
    """Send the webhook deliveries whose time has come and the waiting emails about new referrals.

    Each failed try asks for a run at its retry time (on a queue that can wait, like the database queue);
    `manage.py send_referral_notices` from cron sends whatever is due as well.
    """
    delivered, failed, retries = sending.deliver_due()
    if default_task_backend.supports_defer:
        for run_after in retries:
            send_referral_notices.using(run_after=run_after).enqueue()
    emailed, waiting = notices.send_pending()
    return {"delivered": delivered, "failed_tries": failed, "emailed": emailed, "emails_waiting": waiting}
