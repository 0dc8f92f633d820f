"""Delete finished webhook deliveries (received or failed) older than the retention (cron, daily)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from webhooks.models import Delivery, DeliveryState


class Command(BaseCommand):
    help = "Delete received and failed webhook deliveries, with their tries, older than DAYS (run it daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.WEBHOOK_LOG_RETENTION_DAYS,
            metavar="DAYS",
            help="Days since the delivery was made (default: WEBHOOK_LOG_RETENTION_DAYS, 90).",
        )

    def handle(self, *args, older_than, **options):
        if older_than < 1:
            raise CommandError("--older-than must be 1 day or more.")
        cutoff = timezone.now() - timedelta(days=older_than)
        finished = Delivery.objects.filter(
            created_at__lt=cutoff, state__in=[DeliveryState.DELIVERED, DeliveryState.FAILED]
        )
        _rows, by_model = finished.delete()
        count = by_model.get(Delivery._meta.label, 0)
        self.stdout.write(f"Deleted {count} finished webhook delivery(ies) older than {older_than} days.")
