"""What an agency's portal users may read and do with the referrals addressed to their agency, and the officer's
answer to an agency's question. Every step is written to the report's audit log (its timeline)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from outcomes import recording
from outcomes.codes import OutcomeCode, closed_reason_for, led_to_action
from outcomes.models import ReportOutcome
from partners.operations import reports_of
from reports.choices import Status
from triage import operations as triage_operations
from triage.models import Agency, Referral, ReferralStatus

from .models import AgencyQuestion, AgencyResponse

AGENCY_KIND = "agency"
# The agencies that can have portal accounts (CBP's own IPR team works in the admin; the marketplace is a partner).
PORTAL_AGENCIES = (Agency.FDA, Agency.CPSC, Agency.FTC, Agency.HSI_IPR_CENTER)


def referrals_for(organisation):
    """The referrals addressed to this agency organisation's agency, and nothing else."""
    agency = getattr(organisation, "agency", "")
    if organisation.kind != AGENCY_KIND or agency not in PORTAL_AGENCIES:
        return Referral.objects.none()
    return Referral.objects.filter(agency=agency).select_related("report__product_category", "case")


def shared_contact(report):
    """The reporter's contact details an agency may read, or None.

    Only when the reporter gave them (not anonymous, not yet removed by the retention purge) and agreed that an
    agency may have them (share_contact_with_agencies; the marketplace consent is for a refund, not for this).
    """
    if report.anonymous or not report.share_contact_with_agencies:
        return None
    contact = getattr(report, "contact", None)
    if contact is None or not (contact.name or contact.email or contact.phone):
        return None
    return contact


def attachment_for(referral, attachment_id):
    """A file of one of the referral's reports, or None (never a file of another report)."""
    from reports.models import Attachment

    ids = [report.pk for report in reports_of(referral)]
    return Attachment.objects.select_related("report").filter(pk=attachment_id, report_id__in=ids).first()


def _log(referral, action, *, user, organisation, **data):
    for report in reports_of(referral):
        log(
            triage_operations.as_logged(report),
            action,
            user=user,
            data={"referral_id": referral.pk, "organisation": organisation.name, **data},
        )


@transaction.atomic
def acknowledge(referral, *, organisation, user):
    """The agency has the referral. Moves a referral that was only sent to "acknowledged"."""
    response = AgencyResponse.objects.create(
        referral=referral, organisation=organisation, kind=AgencyResponse.Kind.ACKNOWLEDGED, responded_by=user
    )
    if referral.status == ReferralStatus.SENT:
        referral.status = ReferralStatus.ACKNOWLEDGED
        referral.save(update_fields=["status", "updated_at"])
    _log(referral, "agencies.acknowledge", user=user, organisation=organisation)
    return response


def _replaces(existing, code):
    """May the agency's outcome replace the report's outcome? Yes when there is none, when it only says the report
    was passed to an agency, or when it found no action and the agency's did lead to action."""
    if existing is None or existing.code == OutcomeCode.REFERRED:
        return True
    return not existing.led_to_action and led_to_action(code)


@transaction.atomic
def record_outcome(referral, *, organisation, user, code, action_date=None, reference="", note=""):
    """The agency's outcome: kept on the referral (status, text), recorded as each report's enforcement outcome
    (outcomes.recording, so the Effectiveness page counts it) unless CBP recorded a stronger one, and each report
    still waiting on the referral (status "referred") is closed with it, so the reporter sees what happened."""
    code = OutcomeCode(code)
    reference = (reference or "").strip()
    response = AgencyResponse.objects.create(
        referral=referral,
        organisation=organisation,
        kind=AgencyResponse.Kind.OUTCOME,
        code=code,
        action_date=action_date,
        reference=reference,
        note=note,
        responded_by=user,
    )
    referral.status = ReferralStatus.ACTION_TAKEN if led_to_action(code) else ReferralStatus.NO_ACTION
    referral.outcome = " — ".join(part for part in (str(code.label), reference, note) if part)
    referral.save(update_fields=["status", "outcome", "updated_at"])
    _log(
        referral,
        "agencies.outcome",
        user=user,
        organisation=organisation,
        code=code,
        label=str(code.label),
        action_date=action_date.isoformat() if action_date else "",
        reference=reference,
        note=note,
    )
    reports = reports_of(referral)
    existing = {o.report_id: o for o in ReportOutcome.objects.filter(report__in=[r.pk for r in reports])}
    for report in reports:
        if _replaces(existing.get(report.pk), code):
            recording.record(report, code, user=user, action_date=action_date, reference=reference)
        if report.status == Status.REFERRED:
            triage_operations.change_status(report, Status.CLOSED, user=user, closed_reason=closed_reason_for(code))
    return response


@transaction.atomic
def ask(referral, *, organisation, user, text):
    question = AgencyQuestion.objects.create(referral=referral, organisation=organisation, asked_by=user, text=text)
    _log(referral, "agencies.question", user=user, organisation=organisation, question_id=question.pk, text=text)
    return question


@transaction.atomic
def answer(question, *, user, text):
    question.answer = text
    question.answered_by = user
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    _log(
        question.referral,
        "agencies.answer",
        user=user,
        organisation=question.organisation,
        question_id=question.pk,
        text=text,
    )
    return question


def log_contact_view(report, *, organisation, user):
    log(
        triage_operations.as_logged(report),
        "agencies.contact_view",
        user=user,
        data={"organisation": organisation.name},
    )


def log_file_download(attachment, *, organisation, user):
    log(
        triage_operations.as_logged(attachment.report),
        "agencies.file_download",
        user=user,
        data={"organisation": organisation.name, "attachment_id": attachment.pk},
    )
