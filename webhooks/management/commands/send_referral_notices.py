"""Send the webhook deliveries and emails about new referrals that wait (cron, every few minutes)."""

from django.core.management.base import BaseCommand

from webhooks import notices, sending


class Command(BaseCommand):
    help = "Send due webhook deliveries (with their retries) and waiting emails about new referrals."

    def handle(self, *args, **options):
        delivered, failed, _retries = sending.deliver_due()
        emailed, waiting = notices.send_pending()
        self.stdout.write(
            f"{delivered} delivery(ies) received, {failed} failed try(ies) (retried later); "
            f"{emailed} email(s) sent or settled, {waiting} waiting for the mail server."
        )
