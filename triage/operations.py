"""What staff do to a report. Each operation changes the data and writes Wagtail's audit log.

Views and bulk actions call these; they never write the log themselves. Every function takes the acting
user and returns what it changed.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import get_active_log_context, log, registry
from wagtail.models import ModelLogEntry

from reports.choices import ClosedReason, Status
from search.outbox import queue_update
from webhooks.outbox import record_new_referral

from . import state
from .models import Case, Note, PriorityOverride, Referral, ReferralStatus, TriageReport, TriageState


class OperationError(ValueError):
    """A request staff cannot carry out (for example closing without a reason)."""


def as_logged(report):
    """The proxy instance that log entries point at (content type triage.triagereport)."""
    if isinstance(report, TriageReport):
        return report
    proxy = TriageReport()
    proxy.__dict__.update({key: value for key, value in report.__dict__.items() if key != "_state"})
    proxy._state.adding = False
    proxy._state.db = report._state.db
    return proxy


@transaction.atomic
def assign(report, assignee, *, user):
    triage = TriageState.for_report(report)
    if triage.assignee_id == (assignee.pk if assignee else None):
        return False
    TriageState.objects.filter(pk=triage.pk).update(assignee=assignee)
    state.mark_touched(report.pk)
    queue_update("reports", report.pk)  # the queue's search filters on the assignee in the reports index
    log(
        as_logged(report),
        "triage.assign",
        user=user,
        data={
            "assignee_id": assignee.pk if assignee else None,
            "assignee": assignee.get_username() if assignee else "",
        },
    )
    return True


@transaction.atomic
def change_status(report, status, *, user, closed_reason=""):
    if status not in Status.values:
        raise OperationError(_("Unknown status %(status)r") % {"status": status})
    if status == Status.CLOSED:
        if closed_reason not in ClosedReason.values:
            raise OperationError(_("Closing a report needs a reason."))
    else:
        closed_reason = ""
    if report.status == status and report.closed_reason == closed_reason:
        return False
    old_status = report.status
    report.status, report.closed_reason = status, closed_reason
    report.save(update_fields=["status", "closed_reason", "updated_at"])
    TriageState.for_report(report)
    TriageState.objects.filter(report_id=report.pk).update(
        closed_at=timezone.now() if status == Status.CLOSED else None
    )
    state.mark_touched(report.pk)
    log(
        as_logged(report),
        "triage.status",
        user=user,
        data={"from": old_status, "to": status, "closed_reason": closed_reason},
    )
    return True


def log_many(reports, action, *, user, data):
    """log() for a batch of reports: the entries Wagtail's log() writes, one per report, in one insert.

    Wagtail validates each entry on save (two queries each, which made bulk jobs crawl); here the action is
    checked once and the rest is the same (content type of the proxy, label, log context's uuid). `data` is a
    function of the report.
    """
    registry.scan_for_actions()
    if not registry.action_exists(action):
        raise OperationError(f"Unknown log action {action!r}")
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(TriageReport, for_concrete_model=False)
    now = timezone.now()
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            object_id=str(report.pk),
            label=ModelLogEntry.objects.get_instance_title(as_logged(report)),
            action=action,
            timestamp=now,
            data=data(report),
            user=user or context.user,
            uuid=context.uuid,
        )
        for report in reports
    )


def _ensure_states(reports):
    """Give each report its TriageState (with its keys) if it has none yet: one insert for the lot."""
    TriageState.objects.bulk_create(
        [TriageState(report_id=report.pk, **TriageState.keys_for(report)) for report in reports], ignore_conflicts=True
    )


def _mark_touched_many(report_ids, when):
    """mark_touched for many reports: the first staff action of those nobody had touched yet."""
    touched = list(
        TriageState.objects.filter(report_id__in=report_ids, first_action_at__isnull=True).values_list(
            "report_id", flat=True
        )
    )
    TriageState.objects.filter(report_id__in=touched).update(first_action_at=when)
    return touched


@transaction.atomic
def change_status_many(reports, status, *, user, closed_reason=""):
    """change_status for a batch of reports (bulk jobs): the same changes and one audit log entry per report,
    written with a few statements for the whole batch. Returns the ids of the reports it changed."""
    if status not in Status.values:
        raise OperationError(f"Unknown status {status!r}")
    if status == Status.CLOSED:
        if closed_reason not in ClosedReason.values:
            raise OperationError(_("Closing a report needs a reason."))
    else:
        closed_reason = ""
    changing = [report for report in reports if (report.status, report.closed_reason) != (status, closed_reason)]
    if not changing:
        return []
    ids = [report.pk for report in changing]
    now = timezone.now()
    TriageReport.objects.filter(pk__in=ids).update(status=status, closed_reason=closed_reason, updated_at=now)
    _ensure_states(changing)
    TriageState.objects.filter(report_id__in=ids).update(closed_at=now if status == Status.CLOSED else None)
    _mark_touched_many(ids, now)
    old_status = {report.pk: report.status for report in changing}
    for report in changing:
        report.status, report.closed_reason = status, closed_reason
    log_many(
        changing,
        "triage.status",
        user=user,
        data=lambda report: {"from": old_status[report.pk], "to": status, "closed_reason": closed_reason},
    )
    return ids


@transaction.atomic
def assign_many(reports, assignee, *, user):
    """assign for a batch of reports (bulk jobs). Returns the ids of the reports it changed."""
    _ensure_states(reports)
    wanted = assignee.pk if assignee else None
    current = dict(
        TriageState.objects.filter(report_id__in=[r.pk for r in reports]).values_list("report_id", "assignee_id")
    )
    changing = [report for report in reports if current.get(report.pk) != wanted]
    if not changing:
        return []
    ids = [report.pk for report in changing]
    TriageState.objects.filter(report_id__in=ids).update(assignee=assignee)
    _mark_touched_many(ids, timezone.now())
    data = {"assignee_id": wanted, "assignee": assignee.get_username() if assignee else ""}
    log_many(changing, "triage.assign", user=user, data=lambda report: data)
    return ids


@transaction.atomic
def add_note(report, text, *, user):
    text = (text or "").strip()
    if not text:
        raise OperationError(_("A note cannot be empty."))
    note = Note.objects.create(report_id=report.pk, author=user, text=text)
    TriageState.for_report(report)
    state.mark_touched(report.pk)
    log(as_logged(report), "triage.note", user=user, data={"note_id": note.pk})
    return note


@transaction.atomic
def override_priority(report, priority, reason, *, user):
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_("Overriding the priority needs a reason."))
    PriorityOverride.objects.filter(report_id=report.pk, active=True).update(active=False)
    override = PriorityOverride.objects.create(report_id=report.pk, priority=priority, reason=reason, set_by=user)
    old = report.priority
    report.priority = priority
    report.save(update_fields=["priority", "updated_at"])
    log(
        as_logged(report),
        "triage.priority_override",
        user=user,
        data={"from": old, "to": priority, "reason": reason, "override_id": override.pk},
    )
    return override


@transaction.atomic
def clear_priority_override(report, *, user):
    if not PriorityOverride.objects.filter(report_id=report.pk, active=True).update(active=False):
        return False
    effective, _reasons = state.recompute_priority(report)
    log(
        as_logged(report), "triage.priority_override", user=user, data={"to": effective, "reason": "", "cleared": True}
    )
    return True


@transaction.atomic
def mark_duplicate(report, original, *, user):
    if original.pk == report.pk:
        raise OperationError(_("A report cannot duplicate itself."))
    TriageState.for_report(report)
    TriageState.objects.filter(report_id=report.pk).update(duplicate_of=original)
    log(
        as_logged(report),
        "triage.duplicate",
        user=user,
        data={"original_id": original.pk, "original": original.tracking_number},
    )
    change_status(report, Status.CLOSED, user=user, closed_reason=ClosedReason.DUPLICATE)
    return True


@transaction.atomic
def mark_spam(report, *, user):
    return change_status(report, Status.CLOSED, user=user, closed_reason=ClosedReason.SPAM)


@transaction.atomic
def link_to_case(reports, *, user, case=None, title=""):
    """Put reports in a case (an existing one, or a new one with `title`). Returns the case."""
    if case is None:
        title = (title or "").strip()
        if not title:
            raise OperationError(_("A new case needs a title."))
        case = Case.objects.create(title=title, created_by=user)
        log(case, "wagtail.create", user=user)
    for report in reports:
        if case.reports.filter(pk=report.pk).exists():
            continue
        case.reports.add(report.pk)
        log(as_logged(report), "triage.case_link", user=user, data={"case_id": case.pk, "case": case.title})
    return case


@transaction.atomic
def unlink_from_case(report, case, *, user):
    case.reports.remove(report.pk)
    log(as_logged(report), "triage.case_unlink", user=user, data={"case_id": case.pk, "case": case.title})


@transaction.atomic
def refer(*, agency, note, user, report=None, case=None, recipient=None, partner_note=""):
    """Refer a report or a case. Referring sets the report(s) to 'referred' (closed ones stay closed).

    `note` is for the agency (staff only); `partner_note` is what `recipient`, the API partner, reads.
    """
    if (report is None) == (case is None):
        raise OperationError(_("Refer either a report or a case."))
    targets = [report] if report is not None else list(case.reports.all())
    if recipient is not None and recipient.domain_list:
        # An API partner with stores sees only reports about its own stores, never another marketplace's.
        elsewhere = [target.tracking_number for target in targets if not recipient.holds_listing(target.listing_url)]
        if elsewhere:
            raise OperationError(
                _(
                    "%(partner)s can only be sent reports about listings on its own stores (%(domains)s). Not: %(reports)s."
                )
                % {
                    "partner": recipient.name,
                    "domains": ", ".join(recipient.domain_list),
                    "reports": ", ".join(elsewhere),
                }
            )
    referral = Referral.objects.create(
        report=report,
        case=case,
        agency=agency,
        recipient=recipient,
        note=note or "",
        partner_note=(partner_note or "") if recipient is not None else "",
        referred_by=user,
    )
    if case is not None:
        referral.case_reports.set(targets)
    record_new_referral(referral)  # webhook deliveries and emails to the organisations, in this transaction
    for target in targets:
        log(
            as_logged(target),
            "triage.refer",
            user=user,
            data={
                "referral_id": referral.pk,
                "agency": agency,
                "agency_label": str(referral.get_agency_display()),
                "recipient": recipient.name if recipient else "",
                "case": case.title if case else "",
            },
        )
        if target.status != Status.CLOSED:
            change_status(target, Status.REFERRED, user=user)
    if case is not None:
        log(case, "triage.refer", user=user, data={"referral_id": referral.pk, "agency": agency})
    return referral


@transaction.atomic
def update_referral(referral, status, *, user, outcome=""):
    if status not in ReferralStatus.values:
        raise OperationError(_("Unknown referral status %(status)r") % {"status": status})
    old = referral.status
    referral.status = status
    if outcome:
        referral.outcome = outcome
    referral.save()
    targets = [referral.report] if referral.report_id else list(referral.case.reports.all())
    for target in targets:
        log(
            as_logged(target),
            "triage.referral_update",
            user=user,
            data={
                "referral_id": referral.pk,
                "agency_label": str(referral.get_agency_display()),
                "from": old,
                "to": status,
                "outcome": outcome,
            },
        )
    return referral


def log_contact_view(report, *, user):
    return log(as_logged(report), "triage.contact_view", user=user)


def log_file_download(report, attachment, *, user):
    return log(as_logged(report), "triage.file_download", user=user, data={"attachment_id": attachment.pk})
