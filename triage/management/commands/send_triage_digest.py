from django.core.management.base import BaseCommand

from triage.digest import send_digest


class Command(BaseCommand):
    help = "Email triage officers the urgent reports that arrived since the last digest (run it from cron)."

    def handle(self, *args, **options):
        reports, recipients = send_digest()
        if reports:
            self.stdout.write(f"Sent {reports} urgent report(s) to {recipients} officer(s).")
        else:
            self.stdout.write("No new urgent reports (or no officer with an email address); nothing sent.")
