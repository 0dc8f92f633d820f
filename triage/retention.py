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


BATCH_SIZE = 1000


def purge_reporter_data(older_than_days, dry_run=False, now=None, batch_size=BATCH_SIZE, progress=None):
    """Remove the contact details; returns how many reports had them.

    In batches of `batch_size` reports (by id), each in its own transaction with its audit log entries, so a
    purge of a hundred thousand reports never holds one long transaction and a failure keeps the batches done.
    `progress(done, total)` is called after each batch.
    """
    reports = purgeable_reports(older_than_days, now)
    if dry_run:
        return reports.count()
    total = reports.count() if progress else None
    purged_at = now or timezone.now()
    done = 0
    last = 0
    while True:
        batch = list(reports.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            break
        ids = [report.pk for report in batch]
        with transaction.atomic():
            ReporterContact.objects.filter(report_id__in=ids).delete()
            TriageState.objects.bulk_create([TriageState(report_id=pk) for pk in ids], ignore_conflicts=True)
            TriageState.objects.filter(report_id__in=ids).update(contact_purged_at=purged_at)
            for report in batch:
                log(as_logged(report), "triage.contact_purged", user=None, data={"older_than_days": older_than_days})
        done += len(batch)
        last = ids[-1]
        if progress:
            progress(done, max(total, done))
    return done
