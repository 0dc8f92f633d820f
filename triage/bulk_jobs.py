"""Running a BulkJob in the background worker: report actions, purges and the CSV export, in batches.

Every batch has its own transaction, which also records the job's progress: what the officer sees as done is
exactly what is committed. When something fails, the batch that failed is rolled back, the batches before it
stay (with their audit log entries) and the job is marked failed with a message saying where it stopped.
A report an action cannot apply to (say, closing needs a reason) is left as it was and listed on the job.
Closing with an outcome records it on every report the batch closes, in the batch's transaction (never a report
closed without its outcome).
"""

import logging
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from outcomes import recording
from reports.choices import ClosedReason, Status
from reports.upload_purge import purge_uploads
from search.outbox import queue_updates

from . import operations
from .export import export_queryset, export_rows, export_writer
from .models import BulkJob
from .retention import purge_reporter_data
from .selection import id_batches, reports_matching, selected_reports

logger = logging.getLogger(__name__)

MAX_PROBLEMS = 50
REPORT_ACTIONS = {BulkJob.Kind.ASSIGN, BulkJob.Kind.STATUS, BulkJob.Kind.DUPLICATE, BulkJob.Kind.SPAM}


def batch_size():
    return settings.TRIAGE_BULK_BATCH_SIZE


def exports_root():
    return Path(settings.TRIAGE_EXPORTS_ROOT)


class JobStopped(Exception):
    """The job is no longer running: `fail_stalled_jobs` marked it failed while this worker was silent."""


def _update(job, **fields):
    """Record on the job (and the object in hand). A running job is only updated while it is still running: once
    marked failed as stalled it raises JobStopped, so a worker that wakes up stops instead of carrying on."""
    fields.setdefault("progressed_at", timezone.now())
    rows = BulkJob.objects.filter(pk=job.pk)
    if job.state == BulkJob.State.RUNNING:
        rows = rows.filter(state=BulkJob.State.RUNNING)
    if not rows.update(**fields):
        raise JobStopped
    for name, value in fields.items():
        if not hasattr(value, "resolve_expression"):
            setattr(job, name, value)


def run(job_id):
    """Run one waiting job to the end (called by the worker through tasks.run_bulk_job)."""
    job = BulkJob.objects.select_related("created_by").filter(pk=job_id, state=BulkJob.State.WAITING).first()
    if job is None:
        return None
    _update(job, state=BulkJob.State.RUNNING, started_at=timezone.now())
    try:
        RUNNERS[job.kind](job)
        _update(job, state=BulkJob.State.FINISHED, finished_at=timezone.now())
    except JobStopped:  # marked failed while this worker was silent: the batch in hand was rolled back
        logger.warning("Bulk job %s was marked stalled while running; stopped", job.pk)
        return BulkJob.State.FAILED
    except Exception as error:
        logger.exception("Bulk job %s stopped", job.pk)
        job.refresh_from_db(fields=["done", "changed", "total"])
        try:
            _update(job, state=BulkJob.State.FAILED, error=failure_message(job, error), finished_at=timezone.now())
        except JobStopped:
            return BulkJob.State.FAILED
    return job.state


def failure_message(job, error):
    detail = (str(error).strip().splitlines() or [error.__class__.__name__])[0][:300]
    return _(
        "Stopped after %(done)s of %(total)s: %(detail)s. What was done before the error is kept; "
        "start the job again for the rest."
    ) % {"done": f"{job.done:,}", "total": f"{job.total or 0:,}", "detail": detail}


def fail_stalled(older_than_minutes, now=None):
    """Mark as failed the running jobs the worker has recorded nothing about for `older_than_minutes` (a worker
    killed or restarted mid-job never comes back to them). What they finished stays. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=older_than_minutes)
    stalled = BulkJob.objects.filter(state=BulkJob.State.RUNNING).filter(
        Q(progressed_at__lt=cutoff) | Q(progressed_at__isnull=True, started_at__lt=cutoff)
    )
    count = 0
    for job in stalled:
        message = _(
            "The background worker stopped while running this job, after %(done)s of %(total)s. What was done "
            "before is kept; start the job again for the rest."
        ) % {"done": f"{job.done:,}", "total": f"{job.total or 0:,}"}
        # Only if it is still running and still silent: a worker that just woke up keeps its job.
        count += BulkJob.objects.filter(
            pk=job.pk, state=BulkJob.State.RUNNING, progressed_at=job.progressed_at
        ).update(state=BulkJob.State.FAILED, error=message, finished_at=now)
    return count


def _apply_to_batch(job, reports, user):
    """Carry out the job's action on one batch of reports; returns (ids changed, problems)."""
    data = job.parameters
    if job.kind == BulkJob.Kind.ASSIGN:
        assignee_id = data.get("assignee_id")
        assignee = get_user_model().objects.filter(pk=assignee_id).first() if assignee_id else None
        return operations.assign_many(reports, assignee, user=user), []
    if job.kind == BulkJob.Kind.STATUS and data.get("outcome"):
        action_date = date.fromisoformat(data["outcome_date"]) if data.get("outcome_date") else None
        closed = recording.close_many(
            reports,
            data["outcome"],
            user=user,
            action_date=action_date,
            reference=data.get("outcome_reference", ""),
            closed_reason=data.get("closed_reason", ""),
        )
        return closed, []
    if job.kind in (BulkJob.Kind.STATUS, BulkJob.Kind.SPAM):
        status = data["status"] if job.kind == BulkJob.Kind.STATUS else Status.CLOSED
        reason = data.get("closed_reason", "") if job.kind == BulkJob.Kind.STATUS else ClosedReason.SPAM
        return operations.change_status_many(reports, status, user=user, closed_reason=reason), []
    changed, problems = [], []
    original = type(reports[0]).objects.get(pk=data["original_id"])
    for report in reports:
        try:
            if report.pk == original.pk:
                raise operations.OperationError(_("A report cannot duplicate itself."))
            if operations.mark_duplicate(report, original, user=user):
                changed.append(report.pk)
        except operations.OperationError as error:
            problems.append(f"{report.tracking_number}: {error}")
    return changed, problems


def _reindex(report_ids):
    """Queue a committed batch for the reports index (the outbox sends it, or keeps it while the cluster is away)."""
    queue_updates("reports", report_ids)


def run_report_action(job):
    reports = selected_reports(job.parameters["selection"])
    _update(job, total=reports.count())
    model = reports.model
    for ids in id_batches(reports, batch_size()):
        with transaction.atomic():
            batch = list(model.objects.filter(pk__in=ids).select_related("product_category").order_by("pk"))
            changed, problems = _apply_to_batch(job, batch, job.created_by) if batch else ([], [])
            fields = {"done": F("done") + len(ids), "changed": F("changed") + len(changed)}
            if problems and len(job.problems) < MAX_PROBLEMS:
                job.problems = (job.problems + problems)[:MAX_PROBLEMS]
                fields["problems"] = job.problems
            _update(job, **fields)
        _reindex(changed)
        job.refresh_from_db(fields=["done", "changed"])


def run_purge_contacts(job):
    days = job.parameters["older_than_days"]

    def progress(done, total):
        _update(job, done=done, changed=done, total=total)

    purge_reporter_data(days, batch_size=batch_size(), progress=progress)


def run_purge_uploads(job):
    data = job.parameters

    def progress(done, total):
        _update(job, done=done, total=total)

    result = purge_uploads(data.get("hours", 24), data.get("orphan_minutes", 60), progress=progress)
    _update(job, changed=result.drafts + result.orphans)


def run_export(job):
    """Write the queue's rows for the officer's query to a CSV file, streaming them from the database."""
    reports = reports_matching(job.parameters["selection"].get("query", ""))
    _update(job, total=reports.count())
    root = exports_root()
    root.mkdir(parents=True, exist_ok=True)
    name = f"triage-reports-{job.pk}-{timezone.localtime():%Y%m%d-%H%M%S}.csv"
    path = root / name
    done = 0
    step = batch_size()
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = export_writer(out)
        for row in export_rows(export_queryset(reports), chunk_size=step):
            writer.writerow(row)
            done += 1
            if done % step == 0:
                _update(job, done=done)
    _update(job, done=done, file_name=name)


def delete_old_exports(older_than_hours, now=None):
    """Delete the CSV files of exports that finished more than `older_than_hours` ago (the job stays, saying the
    file is gone), and files nobody's job points to any more (a worker killed mid-export). Returns the count."""
    cutoff = (now or timezone.now()) - timedelta(hours=older_than_hours)
    root = exports_root()
    deleted = 0
    old_jobs = BulkJob.objects.filter(kind=BulkJob.Kind.EXPORT, finished_at__lt=cutoff).exclude(file_name="")
    for job in old_jobs:
        path = root / job.file_name
        if path.is_file():
            path.unlink()
            deleted += 1
        _update(job, file_name="")
    if root.is_dir():
        kept = set(BulkJob.objects.exclude(file_name="").values_list("file_name", flat=True))
        for path in root.glob("*.csv"):
            if path.name not in kept and path.stat().st_mtime < cutoff.timestamp():
                path.unlink()
                deleted += 1
    return deleted


RUNNERS = {
    **dict.fromkeys(REPORT_ACTIONS, run_report_action),
    BulkJob.Kind.PURGE_CONTACTS: run_purge_contacts,
    BulkJob.Kind.PURGE_UPLOADS: run_purge_uploads,
    BulkJob.Kind.EXPORT: run_export,
}
