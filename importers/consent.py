"""Consent to be listed in the public directory: the only way it changes, and the record kept of each change.

`record_consent(importer, given, source=..., ...)` sets `Importer.listing_consent`, keeps a
`ListingConsentRecord` (who, when, how) and an audit-log entry, in one transaction. Saving the importer queues
its index update (signals.py), so the directory, its search, the API and "Check a seller" follow at once.
"""

from django.db import transaction
from django.utils import timezone

from .models import ConsentSource, Importer, ListingConsentRecord


def record_consent(importer, given, *, source, recorded_by=None, given_by="", given_on=None, note=""):
    """Record consent given (`given=True`) or withdrawn. Returns the new ListingConsentRecord."""
    from wagtail.log_actions import log

    source = ConsentSource(source)
    with transaction.atomic():
        locked = Importer.objects.select_for_update().get(pk=importer.pk)
        locked.listing_consent = bool(given)
        locked.save(update_fields=["listing_consent", "updated_at"])
        record = ListingConsentRecord.objects.create(
            importer=locked,
            given=bool(given),
            source=source,
            given_by=(given_by or "").strip()[:200],
            given_on=given_on,
            note=(note or "").strip(),
            recorded_by=recorded_by,
            at=timezone.now(),
        )
        log(
            instance=locked,
            action="importers.consent",
            user=recorded_by,
            data={"given": bool(given), "source": source.value, "given_by": record.given_by},
        )
    importer.listing_consent = locked.listing_consent
    return record
