"""Renewal applications: an importer's users send one from the portal with documents; staff decide in the admin.

Documents follow the report-file rules (reports.attachments.check_files: photos or PDFs judged by their content,
at most 5 files of 10 MB, photos saved again from their pixels, PDFs rewritten without active content) and are
kept in the same private folder (reports.storage), never with a public address. Every file is checked before
anything is written; if writing one fails, the files already written are deleted and nothing is saved.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.storage import get_report_file_storage, write

from .models import Importer, RenewalApplication, RenewalDocument, RenewalState, VettingDecision, VettingStatus

ALREADY_WAITING = _(
    "Your organisation already has a renewal application waiting for CBP. You can send another one after CBP decides."
)


class RenewalRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def notice_days():
    return settings.IMPORTER_RENEWAL_NOTICE_DAYS


def expiry_is_near(importer, today=None):
    """True from IMPORTER_RENEWAL_NOTICE_DAYS before `valid_until` (and after it has passed)."""
    today = today or timezone.localdate()
    return importer.valid_until <= today + timedelta(days=notice_days())


def waiting_application(importer):
    return importer.renewal_applications.filter(state=RenewalState.WAITING).first()


def submit_renewal(importer, user, statement, clean_files):
    """Save an application and its already-checked files (reports.attachments.CleanFile). All or nothing.

    Raises RenewalRefused when one is already waiting, and reports.storage.StorageUnavailable when the
    private folder cannot be written (nothing is saved in either case)."""
    from wagtail.log_actions import log

    storage = get_report_file_storage()
    written = []
    now = timezone.now()
    try:
        with transaction.atomic():
            Importer.objects.select_for_update().filter(pk=importer.pk).first()
            if waiting_application(importer):
                raise RenewalRefused(ALREADY_WAITING)
            application = RenewalApplication.objects.create(
                importer=importer, statement=statement.strip(), submitted_by=user, submitted_at=now
            )
            for position, clean in enumerate(clean_files, start=1):
                name = f"importers/renewals/{now:%Y/%m}/{secrets.token_hex(12)}.{clean.extension}"
                stored = write(storage, name, ContentFile(clean.content))
                written.append(stored)
                RenewalDocument.objects.create(
                    application=application,
                    file=stored,
                    position=position,
                    original_name=clean.original_name,
                    content_type=clean.content_type,
                    size=clean.size,
                    sha256=clean.sha256,
                    removed=list(clean.removed),
                )
            log(
                instance=importer,
                action="importers.renewal_sent",
                user=user,
                data={"application": application.pk, "documents": len(written)},
            )
    except IntegrityError:
        _delete(storage, written)
        raise RenewalRefused(ALREADY_WAITING) from None
    except BaseException:
        _delete(storage, written)
        raise
    return application


def _delete(storage, names):
    for name in names:
        storage.delete(name)


def decide_renewal(application, *, approve, reason, message_for_importer="", valid_until=None, user=None):
    """Approve (with the new `valid_until`) or refuse a waiting application; records a VettingDecision.

    Raises RenewalRefused when the application was decided already or cannot be approved."""
    from wagtail.log_actions import log

    today = timezone.localdate()
    with transaction.atomic():
        application = RenewalApplication.objects.select_for_update().get(pk=application.pk)
        if application.state != RenewalState.WAITING:
            raise RenewalRefused(_("This application was decided already."))
        importer = Importer.objects.select_for_update().get(pk=application.importer_id)
        if approve:
            if importer.status != VettingStatus.TRUSTED:
                raise RenewalRefused(
                    _("This importer is %(status)s: change its status before renewing.")
                    % {"status": importer.get_status_display()}
                )
            if not valid_until or valid_until <= today:
                raise RenewalRefused(_("Give the new “valid until” date, after today."))
            importer.vetted_on = min(today, valid_until)
            importer.valid_until = valid_until
            importer.save(update_fields=["vetted_on", "valid_until", "updated_at"])
        decision = VettingDecision.objects.create(
            importer=importer,
            from_status=importer.status,
            to_status=importer.status,
            reason=reason.strip(),
            message_for_importer=(message_for_importer or "").strip(),
            user=user,
        )
        application.state = RenewalState.APPROVED if approve else RenewalState.REFUSED
        application.decided_at = timezone.now()
        application.decision = decision
        application.save(update_fields=["state", "decided_at", "decision"])
        log(
            instance=importer,
            action="importers.renewal_decided",
            user=user,
            data={
                "application": application.pk,
                "approved": bool(approve),
                "valid_until": valid_until.isoformat() if approve else "",
                "reason": decision.reason,
            },
        )
    return application
