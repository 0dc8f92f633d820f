"""Saving a report, or information added to one, all or nothing.

The rows are written in one transaction and the files inside it; when anything fails the transaction rolls
back and the files already written are deleted. A file that cannot be written (the report-files folder is
missing, read-only or full) raises storage.StorageUnavailable, after the same clean-up. A file left behind
when the server is killed mid-save has no row; `manage.py purge_report_uploads` removes it after an hour.
Side effects (the confirmation email) run after the commit, as background tasks, so a failing mail server can
never lose a report.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from .choices import Priority
from .models import Attachment, Report, ReporterAddition, ReporterContact
from .receipts import hash_receipt_key, new_receipt_key, new_tracking_number
from .storage import StorageUnavailable, get_report_file_storage

logger = logging.getLogger(__name__)

DUPLICATE_WINDOW = timedelta(minutes=10)
IDEMPOTENCY_WINDOW = timedelta(hours=24)
REPORT_FIELDS = (
    "brand product_name description price_paid currency purchase_date still_have_item marketplace seller_name"
    " listing_url order_number shipped_from_country carrier reasons harm harm_description anonymous"
    " preferred_language upc model_number serial_or_lot payment_method amount_refunded found_seller_via"
    " reporter_state reporter_zip share_contact_with_marketplace share_contact_with_agencies"
).split()


@dataclass(frozen=True)
class Submission:
    report: Report
    receipt_key: str | None  # None when an earlier, identical submission was found
    created: bool


def fingerprint(cleaned, files, client):
    """A hash of what was sent and who sent it, to spot the same report sent twice."""
    content = {key: value for key, value in cleaned.items() if key != "product_category"}
    content["product_category"] = cleaned["product_category"].slug
    content["files"] = sorted(clean_file.sha256 for clean_file in files)
    content["client"] = client
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def idempotency_hash(key, client):
    return hashlib.sha256(f"{client}\x00{key}".encode()).hexdigest() if key else ""


def find_duplicate(fingerprint_hash, idempotency_key_hash):
    now = timezone.now()
    if idempotency_key_hash:
        report = Report.objects.filter(
            idempotency_key_hash=idempotency_key_hash, submitted_at__gte=now - IDEMPOTENCY_WINDOW
        ).first()
        if report:
            return report
    return Report.objects.filter(fingerprint=fingerprint_hash, submitted_at__gte=now - DUPLICATE_WINDOW).first()


def priority_for(cleaned):
    if cleaned["harm"]:
        return Priority.URGENT
    if cleaned["product_category"].health_and_safety:
        return Priority.HIGH
    return Priority.NORMAL


def store_attachment(report, clean_file, stored_names, position, addition=None):
    """Write one clean file to the private storage and record it. `stored_names` collects what was written.

    The file is named from the report, its position and its sniffed type (`report-CF-7K3M-Q9PX-file-2.pdf`),
    never from the reporter's file name."""
    attachment = Attachment(
        report=report,
        addition=addition,
        position=position,
        original_name=clean_file.original_name,
        content_type=clean_file.content_type,
        size=clean_file.size,
        sha256=clean_file.sha256,
        added_later=addition is not None,
        rewritten=True,
        removed=list(clean_file.removed),
    )
    try:
        attachment.file.save(attachment.download_name(), ContentFile(clean_file.content), save=False)
    except OSError as error:
        logger.error("Cannot write to the report-files folder: %s", error)
        raise StorageUnavailable(str(error)) from error
    stored_names.append(attachment.file.name)
    attachment.save()
    return attachment


def delete_stored_files(names):
    storage = get_report_file_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete %s after a failed save", name)


def _save_with_new_tracking_number(report):
    for _attempt in range(5):
        report.tracking_number = new_tracking_number()
        try:
            with transaction.atomic():
                report.save()
            return
        except IntegrityError:
            if not Report.objects.filter(tracking_number=report.tracking_number).exists():
                raise
    raise IntegrityError("Could not find a free tracking number")


def submit_report(cleaned, files, *, source, client, idempotency_key=""):
    """Save a validated report (see validation.validate_report) and its clean files.

    Returns a Submission. When the same client sent the same content in the last 10 minutes, or the same
    Idempotency-Key in the last 24 hours, the earlier report comes back with created=False and no receipt key.
    """
    fingerprint_hash = fingerprint(cleaned, files, client)
    idempotency_key_hash = idempotency_hash(idempotency_key, client)
    duplicate = find_duplicate(fingerprint_hash, idempotency_key_hash)
    if duplicate:
        return Submission(duplicate, None, False)

    receipt_key = new_receipt_key()
    stored_names = []
    try:
        with transaction.atomic():
            # Two copies sent at the same moment (a client's retry racing its first attempt) both found nothing
            # above: the second waits here for the first to commit, then finds it.
            _wait_for_the_same_submission(idempotency_key_hash or fingerprint_hash)
            duplicate = find_duplicate(fingerprint_hash, idempotency_key_hash)
            if duplicate:
                return Submission(duplicate, None, False)
            report = Report(
                **{field: cleaned[field] for field in REPORT_FIELDS},
                product_category=cleaned["product_category"],
                parcel_tracking_number=cleaned["tracking_number"],
                receipt_key_hash=hash_receipt_key(receipt_key),
                consent_at=timezone.now(),
                priority=priority_for(cleaned),
                urgent=cleaned["harm"],
                source=source,
                fingerprint=fingerprint_hash,
                idempotency_key_hash=idempotency_key_hash,
            )
            _save_with_new_tracking_number(report)
            if not cleaned["anonymous"] and cleaned["contact"]:
                ReporterContact.objects.create(report=report, **cleaned["contact"])
            for position, clean_file in enumerate(files, start=1):
                store_attachment(report, clean_file, stored_names, position)
    except BaseException:
        delete_stored_files(stored_names)
        raise

    if not report.anonymous and cleaned["contact"].get("email"):
        transaction.on_commit(lambda: _enqueue_confirmation(report.pk))
    return Submission(report, receipt_key, True)


def _wait_for_the_same_submission(submission_hash):
    """Hold a lock on this submission's hash until the transaction ends (PostgreSQL: an advisory lock, so two
    copies of one submission are saved one after the other; SQLite writes one transaction at a time anyway)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(submission_hash[:15], 16)])


def _enqueue_confirmation(report_id):
    from .tasks import send_report_confirmation

    try:
        send_report_confirmation.enqueue(report_id)
    except Exception:  # the report is saved; a queue problem must not turn into an error page
        logger.exception("Could not queue the confirmation email for report %s", report_id)


def add_information(report, text, files):
    """Save what a reporter added later: a note and/or clean files, all or nothing."""
    stored_names = []
    try:
        with transaction.atomic():
            # The report's row is locked so two additions at once number their files one after the other.
            Report.objects.select_for_update().filter(pk=report.pk).first()
            last = report.attachments.aggregate(last=Max("position"))["last"] or report.attachments.count()
            addition = ReporterAddition.objects.create(report=report, text=text)
            for position, clean_file in enumerate(files, start=last + 1):
                store_attachment(report, clean_file, stored_names, position, addition=addition)
            Report.objects.filter(pk=report.pk).update(last_addition_at=timezone.now())
    except BaseException:
        delete_stored_files(stored_names)
        raise
    return addition
