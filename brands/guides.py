"""What happens to an identification guide: edited and submitted by the rights holder, reviewed by CBP staff.

draft --submit--> waiting for review --approve--> approved
                                     --reject (with a reason)--> not approved --edit, submit--> waiting ...
Any change to an approved guide (its text or its photos) sends it back to review at once: officers only ever see
what CBP approved. Every step is in Wagtail's audit log (brands.guide_* actions) with who took it.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from reports.attachments import AttachmentError, check_file

from .models import Guide, GuidePhoto, GuideStatus

PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}
MAX_PHOTOS = 12


class GuideError(Exception):
    """A step that cannot be taken now; the message says why in plain words."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _changed(guide, user):
    """After an edit: an approved guide goes back to review (its status read afresh, under a row lock)."""
    current = Guide.objects.select_for_update().get(pk=guide.pk)
    if current.status == GuideStatus.APPROVED:
        current.status = GuideStatus.IN_REVIEW
        current.submitted_at = timezone.now()
        current.save(update_fields=["status", "submitted_at", "updated_at"])
        log(current, "brands.guide_back_to_review", user=user)
    else:
        # Changed while waiting for review: a reviewer who read the earlier version must read it again.
        current.save(update_fields=["updated_at"])
    guide.status, guide.submitted_at = current.status, current.submitted_at


@transaction.atomic
def save_text(guide, *, genuine_points, packaging_features, user):
    changed = (guide.genuine_points, guide.packaging_features) != (genuine_points, packaging_features)
    adding = guide._state.adding
    guide.genuine_points = genuine_points
    guide.packaging_features = packaging_features
    guide.save()
    log(guide, "wagtail.create" if adding else "wagtail.edit", user=user)
    if changed and not adding:
        _changed(guide, user)
    return guide


def check_photo(upload, alt_text):
    """A cleaned photo ready to store, or GuideError with what to do."""
    if not (alt_text or "").strip():
        raise GuideError(
            _(
                "Describe the photo in the alt text box (what it shows, for people who cannot see it, like: the"
                " genuine box's hologram sticker). The photo was not added."
            )
        )
    try:
        clean = check_file(upload)
    except AttachmentError as error:
        raise GuideError(error.message) from None
    if clean.content_type not in PHOTO_TYPES:
        raise GuideError(_("A guide holds photos only (JPEG, PNG, WebP or HEIC), not PDFs. The file was not added."))
    return clean


@transaction.atomic
def add_photo(guide, clean, alt_text, *, user):
    if guide.photos.count() >= MAX_PHOTOS:
        raise GuideError(_("A guide holds up to %(max)s photos: remove one first.") % {"max": MAX_PHOTOS})
    photo = GuidePhoto(
        guide=guide,
        alt_text=alt_text.strip()[:250],
        content_type=clean.content_type,
        size=clean.size,
        sha256=clean.sha256,
    )
    photo.file.save(f"guide-{guide.pk}.{clean.extension}", ContentFile(clean.content), save=False)
    photo.save()
    log(guide, "brands.guide_photo_added", user=user, data={"alt_text": photo.alt_text})
    _changed(guide, user)
    return photo


@transaction.atomic
def remove_photo(photo, *, user):
    guide = photo.guide
    photo.file.delete(save=False)
    photo.delete()
    log(guide, "brands.guide_photo_removed", user=user, data={"alt_text": photo.alt_text})
    _changed(guide, user)


@transaction.atomic
def submit(guide, *, user):
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    if guide.status not in (GuideStatus.DRAFT, GuideStatus.REJECTED):
        raise GuideError(_("This guide is already waiting for CBP review."))
    if not guide.point_list:
        raise GuideError(_("Write at least one point on how to tell genuine from fake before you submit the guide."))
    guide.status = GuideStatus.IN_REVIEW
    guide.submitted_at = timezone.now()
    guide.save(update_fields=["status", "submitted_at", "updated_at"])
    log(guide, "brands.guide_submit", user=user)
    return guide


@transaction.atomic
def review(guide, *, approve, reason, user, seen=None):
    """Approve, or reject with a reason the rights holder reads. `seen`: the guide's `updated_at` (ISO) on the page
    the reviewer read; a guide changed since then is refused, so nobody approves a version they never saw."""
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    if guide.status != GuideStatus.IN_REVIEW:
        raise GuideError(_("This guide is not waiting for review (it may have been reviewed or changed meanwhile)."))
    if seen is not None and guide.updated_at.isoformat() != seen:
        raise GuideError(
            _("The rights holder changed this guide while you were reading it. Read it again, then decide.")
        )
    reason = (reason or "").strip()
    if not approve and not reason:
        raise GuideError(_("Give the rights holder a reason: they read it and can correct the guide."))
    guide.status = GuideStatus.APPROVED if approve else GuideStatus.REJECTED
    guide.reviewed_at = timezone.now()
    guide.reviewed_by = user
    guide.review_reason = reason
    guide.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_reason", "updated_at"])
    log(guide, "brands.guide_approve" if approve else "brands.guide_reject", user=user, data={"reason": reason})
    return guide
