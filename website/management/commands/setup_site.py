"""Create the fixed page tree (home and library, English and Spanish) and the default site. Idempotent."""

from django.core.management.base import BaseCommand

from website.site_tree import ensure_site_tree


class Command(BaseCommand):
    help = (
        "Create the English and Spanish home pages and libraries and point the default site at them. "
        "Creates only what is missing; safe to run many times."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", help="The public host name of the site, e.g. shopsafe.cbp.gov.")
        parser.add_argument("--port", type=int, help="The public port: 443 for HTTPS (the default site uses 80).")

    def handle(self, *args, hostname=None, port=None, **options):
        ensure_site_tree(report=self.stdout.write, hostname=hostname, port=port)
        self.stdout.write(self.style.SUCCESS("The site's page tree is ready."))
