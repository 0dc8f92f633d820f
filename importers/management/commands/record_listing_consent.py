"""Record a consent to be listed (or its withdrawal) that an importer gave on paper, as staff do in the admin."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from importers.consent import record_consent
from importers.models import ConsentSource, Importer, normalise_verification_id


class Command(BaseCommand):
    help = (
        "Record that an importer consented to be listed in the public directory (or withdrew) on a signed form. "
        "The importer is found by its external ID or verification ID."
    )

    def add_arguments(self, parser):
        parser.add_argument("importer", help="The importer's external ID or verification ID.")
        parser.add_argument("--signed-by", required=True, help="Name and role of the person who signed.")
        parser.add_argument("--signed-on", required=True, help="The date on the form, YYYY-MM-DD.")
        parser.add_argument("--recorded-by", required=True, help="Your username in the admin.")
        parser.add_argument("--withdrawn", action="store_true", help="The form withdraws consent.")
        parser.add_argument("--note", default="", help="For example where the signed form is filed.")

    def handle(self, *args, importer, signed_by, signed_on, recorded_by, withdrawn, note, **options):
        condition = Q(external_id=importer)
        canonical = normalise_verification_id(importer)
        if canonical:
            condition |= Q(verification_id=canonical)
        found = Importer.objects.filter(condition).first()
        if found is None:
            raise CommandError(f"No importer has the external ID or verification ID {importer!r}.")
        try:
            given_on = date.fromisoformat(signed_on)
        except ValueError:
            raise CommandError(f"--signed-on {signed_on!r} is not a date like 2026-11-30.") from None
        if given_on > timezone.localdate():
            raise CommandError("--signed-on cannot be in the future.")
        user = get_user_model().objects.filter(username=recorded_by).first()
        if user is None or not user.has_perm("importers.change_importer"):
            raise CommandError(f"{recorded_by!r} is not a user who may change importers (a vetting officer).")
        if not signed_by.strip():
            raise CommandError("--signed-by cannot be empty.")
        record_consent(
            found,
            not withdrawn,
            source=ConsentSource.PAPER,
            recorded_by=user,
            given_by=signed_by,
            given_on=given_on,
            note=note,
        )
        state = "withdrawn" if withdrawn else "given"
        self.stdout.write(f"Consent {state} recorded for {found.legal_name} ({found.verification_id}).")
