from django.core.management.base import BaseCommand

from triage.digest import send_digest


class Command(BaseCommand):
    help = (
        "Email triage officers the urgent reports that arrived since the last digest and what is rising, and each "
        "officer the new reports matching the searches they follow (run it from cron, once a day)."
    )

    def handle(self, *args, **options):
        reports, recipients, surges, personal = send_digest()
        if recipients:
            self.stdout.write(f"Sent {reports} urgent report(s) and {surges} surge(s) to {recipients} officer(s).")
        else:
            self.stdout.write("No new urgent reports or surges (or no officer with an email address); nothing sent.")
        if personal:
            self.stdout.write(f"Sent {personal} officer(s) the new reports matching the searches they follow.")
