"""Recording an outcome on a report, and closing a case with one. Each writes Wagtail's audit log, so the
outcome shows on the report's timeline (and the case's history)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from reports.choices import ClosedReason, Status
from triage import operations
from triage.models import Referral

from .codes import OutcomeCode, closed_reason_for, led_to_action
from .models import CaseOutcome, ReportOutcome

# Reports of a case that closing the case leaves alone: they were never about anything.
SET_ASIDE = (ClosedReason.DUPLICATE, ClosedReason.SPAM, ClosedReason.BLANK)


def shared_with_partner(report):
    """The API partner the report was last shared with through a referral (its own or its case's), or None."""
    return shared_with_partners([report.pk]).get(report.pk)


def shared_with_partners(report_ids):
    """shared_with_partner for many reports, in one query: {report id: partner id} (reports never shared: absent).

    A UNION ALL of two queries, each served by an index on report_id: the referrals of the reports themselves
    (triage_referral) and those of their cases (triage_referral_case_reports, then each referral by its key). One
    query with an OR across the outer join of the two tables made PostgreSQL read every referral and every case row
    for each batch (EXPLAIN ANALYZE, 500 ids, 310,000 referrals: about 100 ms with the OR, 4 ms with the UNION)."""
    wanted = set(report_ids)
    if not wanted:
        return {}
    fields = ("recipient_id", "referred_at", "pk")
    own = Referral.objects.filter(report_id__in=wanted, recipient__isnull=False).values_list("report_id", *fields)
    of_case = Referral.objects.filter(case_reports__in=wanted, recipient__isnull=False).values_list(
        "case_reports", *fields
    )
    found = {}
    for report_id, recipient_id, _at, _pk in (
        own.order_by().union(of_case.order_by(), all=True).order_by("-referred_at", "-pk")
    ):
        found.setdefault(report_id, recipient_id)
    return found


def _facts(report, code, action_date, now, partner_id=None):
    acted_on = action_date or timezone.localdate(now)
    submitted = timezone.localdate(report.submitted_at)
    action = led_to_action(code)
    return {
        "led_to_action": action,
        "acted_on": acted_on,
        "days_to_action": max(0, (acted_on - submitted).days) if action else None,
        "report_submitted_at": report.submitted_at,
        "product_category_id": report.product_category_id,
        "marketplace_name": report.marketplace_name or "",
        "partner_id": partner_id,
    }


def _log_data(code, action_date, reference, case):
    return {
        "code": code,
        "label": str(OutcomeCode(code).label),
        "action_date": action_date.isoformat() if action_date else "",
        "reference": reference,
        "case_id": case.pk if case else None,
        "case": case.title if case else "",
    }


@transaction.atomic
def record(report, code, *, user, action_date=None, reference="", case=None):
    """Record (or replace) the report's outcome. Returns the ReportOutcome."""
    code = OutcomeCode(code)
    reference = (reference or "").strip()
    now = timezone.now()
    outcome, _created = ReportOutcome.objects.update_or_create(
        report_id=report.pk,
        defaults={
            "code": code,
            "action_date": action_date,
            "reference": reference,
            "case": case,
            "recorded_by": user,
            "recorded_at": now,
            **_facts(report, code, action_date, now, shared_with_partner(report)),
        },
    )
    log(operations.as_logged(report), "outcomes.record", user=user, data=_log_data(code, action_date, reference, case))
    return outcome


def _replaced():
    """What recording again replaces: every field but the row's id and its report (a field added to the model, or to
    _facts, is replaced too)."""
    return [field.name for field in ReportOutcome._meta.concrete_fields if field.name not in ("id", "report")]


@transaction.atomic
def record_many(reports, code, *, user, action_date=None, reference=""):
    """record() for a batch of reports (bulk closes): the same rows and one audit log entry per report, written
    with a few statements for the whole batch."""
    if not reports:
        return
    code = OutcomeCode(code)
    reference = (reference or "").strip()
    now = timezone.now()
    partners = shared_with_partners([report.pk for report in reports])
    ReportOutcome.objects.bulk_create(
        [
            ReportOutcome(
                report_id=report.pk,
                code=code,
                action_date=action_date,
                reference=reference,
                case=None,
                recorded_by=user,
                recorded_at=now,
                **_facts(report, code, action_date, now, partners.get(report.pk)),
            )
            for report in reports
        ],
        update_conflicts=True,
        unique_fields=["report"],
        update_fields=_replaced(),
    )
    data = _log_data(code, action_date, reference, None)
    operations.log_many(reports, "outcomes.record", user=user, data=lambda report: data)


def close_many(reports, code, *, user, action_date=None, reference="", closed_reason=""):
    """Close a batch of reports with one outcome (a bulk job's batch), in one transaction: each report this closes
    gets the outcome (replacing one it had, as closing one report does), and so does each report already closed
    for the same reason that has no outcome yet; a report already closed for that reason keeps its own outcome.
    Returns the ids of the reports changed."""
    reason = closed_reason or closed_reason_for(code)
    with transaction.atomic():
        closed = set(operations.change_status_many(reports, Status.CLOSED, user=user, closed_reason=reason))
        without = {
            report.pk
            for report in reports
            if report.pk not in closed and (report.status, report.closed_reason) == (Status.CLOSED, reason)
        }
        without -= set(ReportOutcome.objects.filter(report_id__in=without).values_list("report_id", flat=True))
        getting = [report for report in reports if report.pk in closed or report.pk in without]
        record_many(getting, code, user=user, action_date=action_date, reference=reference)
    return [report.pk for report in getting]


def close_report(report, code, *, user, action_date=None, reference="", closed_reason=""):
    """Close a report with its outcome (the report page's status form)."""
    with transaction.atomic():
        operations.change_status(
            report, Status.CLOSED, user=user, closed_reason=closed_reason or closed_reason_for(code)
        )
        return record(report, code, user=user, action_date=action_date, reference=reference)


@transaction.atomic
def close_case(case, code, *, user, action_date=None, reference=""):
    """Record the case's outcome, record it on each report of the case that has none (reports set aside as
    duplicates, spam or blank are left alone), and close the reports still open. Returns (recorded, closed):
    how many reports got the outcome, how many were closed."""
    code = OutcomeCode(code)
    reference = (reference or "").strip()
    CaseOutcome.objects.update_or_create(
        case=case,
        defaults={
            "code": code,
            "action_date": action_date,
            "reference": reference,
            "recorded_by": user,
            "recorded_at": timezone.now(),
        },
    )
    log(case, "outcomes.case_close", user=user, data=_log_data(code, action_date, reference, case))
    recorded = closed = 0
    reports = case.reports.exclude(status=Status.CLOSED, closed_reason__in=SET_ASIDE).order_by("pk")
    with_outcome = set(ReportOutcome.objects.filter(report__in=reports).values_list("report_id", flat=True))
    for report in reports:
        if report.pk not in with_outcome:
            record(report, code, user=user, action_date=action_date, reference=reference, case=case)
            recorded += 1
        if report.status != Status.CLOSED:
            operations.change_status(report, Status.CLOSED, user=user, closed_reason=closed_reason_for(code))
            closed += 1
    return recorded, closed
