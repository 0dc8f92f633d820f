"""What a partner can do through the API: answer a referral, and send reports in bulk."""

from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from reports.choices import Source
from reports.submission import submit_report
from reports.validation import Errors, is_valid_unicode, validate_report
from triage.models import Agency, Referral, ReferralStatus
from triage.operations import as_logged

from .models import PartnerKind, PartnerResponse, PartnerSubmission, ReferralSeen, ResponseAction

BULK_MAX_ITEMS = 100
EXTERNAL_ID_MAX = 100
REFERRAL_STATUS_FOR = {
    ResponseAction.LISTING_REMOVED: ReferralStatus.ACTION_TAKEN,
    ResponseAction.SELLER_SUSPENDED: ReferralStatus.ACTION_TAKEN,
    ResponseAction.NO_ACTION: ReferralStatus.NO_ACTION,
}


def referrals_for(partner):
    """The referrals addressed to this partner, and nothing else."""
    return (
        Referral.objects.filter(recipient=partner)
        .select_related("report__product_category", "report__contact", "case", "recipient")
        .prefetch_related("case_reports__product_category", "case_reports__contact", "partner_responses")
    )


def shared_contact(report, referral):
    """The reporter's contact details a partner may read with this referral, or None.

    Only when the reporter agreed to share them with the marketplace (share_contact_with_marketplace), the
    report is not anonymous, the referral goes to the marketplace (agency) through a marketplace partner, and that
    partner is the marketplace the reporter bought on (the listing is on its store domains, or the report names it):
    in a case referral, a buyer from another marketplace is never shared.
    """
    if not (report.share_contact_with_marketplace and not report.anonymous):
        return None
    recipient = referral.recipient
    if referral.agency != Agency.MARKETPLACE or recipient is None or recipient.kind != PartnerKind.MARKETPLACE:
        return None
    named = report.marketplace.strip().casefold() == recipient.name.strip().casefold()
    if not (recipient.holds_listing(report.listing_url) or named):
        return None
    return getattr(report, "contact", None)


def reports_of(referral):
    """The reports staff passed on: the one report, or the case's reports as they were when it was referred."""
    if referral.report_id:
        return [referral.report]
    return list(referral.case_reports.all())


def mark_seen(referral, partner):
    """The organisation opened this referral: from now on it is not "new" in the portal's inbox."""
    ReferralSeen.objects.get_or_create(referral=referral, partner=partner)


@transaction.atomic
def respond(referral, *, partner, api_key, action, note, user=None):
    """Record the partner's answer, move the referral on, and put it on each report's timeline.

    Through the API `api_key` is the key used; in the portal `user` is the member who answered.
    """
    response = PartnerResponse.objects.create(
        referral=referral, partner=partner, api_key=api_key, responded_by=user, action=action, note=note
    )
    referral.status = REFERRAL_STATUS_FOR[action]
    referral.save(update_fields=["status", "updated_at"])
    for report in reports_of(referral):
        log(
            as_logged(report),
            "partners.response",
            user=user,
            data={
                "referral_id": referral.pk,
                "partner": partner.name,
                "action": action,
                "note": note,
                "through": "portal" if user is not None else "api",
            },
        )
    return response


def respond_to_many(referral_ids, *, partner, action, note, user):
    """One answer to several referrals (the portal's bulk answer), each recorded on its own.

    Returns one row per id, in the order given: {"id", "status": "recorded" | "not_found", "response"}. An id
    that is not one of this partner's referrals is "not_found", the same answer as for one that does not exist.
    """
    found = referrals_for(partner).in_bulk(referral_ids)
    results = []
    for referral_id in referral_ids:
        referral = found.get(referral_id)
        if referral is None:
            results.append({"id": referral_id, "status": "not_found", "response": None})
            continue
        response = respond(referral, partner=partner, api_key=None, action=action, note=note, user=user)
        results.append({"id": referral_id, "status": "recorded", "response": response})
    return results


def _external_id(item, errors):
    value = item.get("external_id")
    if not isinstance(value, str) or not value.strip():
        errors.add("external_id", "Give each report your own id for it (external_id), so it can be sent again safely.")
        return ""
    value = value.strip()
    if len(value) > EXTERNAL_ID_MAX or any(ord(ch) < 32 for ch in value) or not is_valid_unicode(value):
        errors.add("external_id", f"Use at most {EXTERNAL_ID_MAX} printable characters for external_id.")
        return ""
    return value


def submit_one(item, *, partner):
    """Validate and save one bulk item on its own: a dict describing what happened to it."""
    if not isinstance(item, dict):
        return {"status": "invalid", "errors": {"item": ["Each item must be a JSON object."]}}
    errors = Errors()
    external_id = _external_id(item, errors)
    data = {key: value for key, value in item.items() if key not in {"contact", "anonymous", "consent"}}
    # A partner's report carries no reporter: the partner vouches for it under its agreement with CBP.
    data.update(anonymous=True, consent=True)
    cleaned, report_errors = validate_report(data, default_language="en")
    for field, messages in report_errors.items():
        for message in messages:
            errors.add(field, message)
    result = {"external_id": external_id or None}
    if errors:
        return {**result, "status": "invalid", "errors": {k: [str(m) for m in v] for k, v in errors.items()}}

    earlier = PartnerSubmission.objects.filter(partner=partner, external_id=external_id).select_related("report")
    if earlier.exists():
        return {**result, "status": "already_received", "tracking_number": earlier.get().report.tracking_number}
    try:
        with transaction.atomic():
            # Keyed on the partner's own id only: two items with the same content but different ids are two
            # reports (two listings taken down), and the same id is one report however often it is sent.
            submission = submit_report(
                cleaned, [], source=Source.PARTNER, client=f"partner:{partner.pk}:{external_id}"
            )
            if not submission.created:
                return {**result, "status": "already_received", "tracking_number": submission.report.tracking_number}
            PartnerSubmission.objects.create(report=submission.report, partner=partner, external_id=external_id)
    except IntegrityError:
        # The same id arrived in another request at the same moment, and that one was saved first.
        return {**result, "status": "already_received", "tracking_number": earlier.get().report.tracking_number}
    return {**result, "status": "created", "tracking_number": submission.report.tracking_number}


def bulk_submit(items, *, partner):
    """Each item is checked and saved on its own; one bad item never stops or undoes the others."""
    seen = set()
    results = []
    for index, item in enumerate(items):
        external_id = item.get("external_id") if isinstance(item, dict) else None
        if isinstance(external_id, str) and external_id.strip() in seen:
            outcome = {
                "external_id": external_id.strip(),
                "status": "invalid",
                "errors": {"external_id": ["This external_id appears twice in the request."]},
            }
        else:
            outcome = submit_one(item, partner=partner)
            if isinstance(external_id, str):
                seen.add(external_id.strip())
        results.append({"index": index, **outcome})
    return results
