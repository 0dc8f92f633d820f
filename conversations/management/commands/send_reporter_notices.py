"""Send the emails waiting for reporters: question notices, and status updates for those who asked (cron)."""

from django.core.management.base import BaseCommand

from conversations.models import Notice
from conversations.notices import send_pending


class Command(BaseCommand):
    help = "Send waiting reporter notices (questions and status updates). Run from cron every few minutes."

    def handle(self, *args, **options):
        done, waiting = send_pending()
        self.stdout.write(f"{done} notice(s) sent or settled, {waiting} waiting for the mail server.")
        given_up = Notice.objects.filter(gave_up_at__isnull=False).count()
        if given_up:
            self.stdout.write(f"{given_up} notice(s) given up (address refused, or too many failed tries).")
