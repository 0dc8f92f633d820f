"""Retention: reporter contact details go once a report has been closed long enough.

What is removed: the ReporterContact row (name, email, phone). What stays: the report itself, its files and
the staff records, none of which say who the reporter is. Each removal is written to the report's audit log.
The reporter's own free text (description, additions) is the public side's data and is left as written.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from reports.choices import Status
from reports.models import Report, ReporterContact

from .models import TriageState
from .operations import as_logged


def purgeable_reports(older_than_days, now=None):
    """Closed reports, closed more than `older_than_days` ago, that still hold contact details."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    closed_long_ago = Q(triage__closed_at__lt=cutoff) | Q(triage__closed_at__isnull=True, updated_at__lt=cutoff)
    return Report.objects.filter(status=Status.CLOSED).filter(closed_long_ago).filter(contact__isnull=False)


def purge_reporter_data(older_than_days, dry_run=False, now=None):
    """Remove the contact details; returns how many reports had them."""
    reports = list(purgeable_reports(older_than_days, now).order_by("pk"))
    if dry_run or not reports:
        return len(reports)
    purged_at = now or timezone.now()
    with transaction.atomic():
        ids = [report.pk for report in reports]
        ReporterContact.objects.filter(report_id__in=ids).delete()
        for report in reports:
            TriageState.objects.get_or_create(report_id=report.pk)
        TriageState.objects.filter(report_id__in=ids).update(contact_purged_at=purged_at)
        for report in reports:
            log(as_logged(report), "triage.contact_purged", user=None, data={"older_than_days": older_than_days})
    return len(reports)
