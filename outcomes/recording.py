"""Recording an outcome on a report, and closing a case with one. Each writes Wagtail's audit log, so the
outcome shows on the report's timeline (and the case's history)."""

from django.db import transaction
from django.db.models import Q
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
    return (
        Referral.objects.filter(Q(report_id=report.pk) | Q(case_reports=report.pk), recipient__isnull=False)
        .order_by("-referred_at", "-pk")
        .values_list("recipient_id", flat=True)
        .first()
    )


def _facts(report, code, action_date, now):
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
        "partner_id": shared_with_partner(report),
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
            **_facts(report, code, action_date, now),
        },
    )
    log(operations.as_logged(report), "outcomes.record", user=user, data=_log_data(code, action_date, reference, case))
    return outcome


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
