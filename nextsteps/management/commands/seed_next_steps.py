"""Add the default next steps that are missing, and link rules waiting for their product categories."""

from django.core.management.base import BaseCommand

from library.models import ProductCategory
from nextsteps.defaults import seed
from nextsteps.models import NextStep, NextStepLink


class Command(BaseCommand):
    help = "Create the default next-step rules that are missing and link them to their product categories."

    def handle(self, *args, **options):
        made = seed(NextStep, NextStepLink, ProductCategory)
        self.stdout.write(f"Next steps: {made} made, {NextStep.objects.filter(live=True).count()} shown to reporters.")
