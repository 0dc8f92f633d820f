"""Bulk jobs: bulk actions, purges and the CSV export run by the background worker in batches, with progress
shown to the officer who started them, and nobody else."""

import csv
import io
import os
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from reports.models import Report, ReporterContact
from tests.database_refusal import drop_trigger, trigger_on
from tests.factories import UserFactory
from tests.reports.factories import ReporterContactFactory
from tests.triage.conftest import make_report
from triage import operations
from triage.models import BulkJob, TriageState
from triage.operations import as_logged

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """What `manage.py db_worker` does in production, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def status(client, job):
    response = client.get(reverse("triage-jobs:status", args=[job.pk]))
    assert response.status_code == 200
    return response.json()


def logged(report, action):
    return ModelLogEntry.objects.for_instance(as_logged(report)).filter(action=action)


def refused(response):
    """The admin answers a missing permission with 403, or a redirect to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] in ("/admin/", "/admin/login/")
    )


@pytest.fixture
def small_batches(settings):
    settings.TRIAGE_BULK_BATCH_SIZE = 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_closing_every_matching_report_runs_in_the_worker_and_shows_progress(
    client, officer, toys_free, settings, small_batches
):
    settings.TASKS = DATABASE_QUEUE
    matching = [make_report(toys_free, marketplace="amazon") for _n in range(5)]
    other = make_report(toys_free, marketplace="ebay")
    client.force_login(officer)

    response = client.post(
        reverse("triage:bulk"),
        {
            "action": "status",
            "status": "closed",
            "closed_reason": "actioned",
            "outcome": "listing_removed",
            "scope": "matching",
            "query": "marketplace=amazon",
            "next": "/admin/triage/?marketplace=amazon",
        },
    )
    job = BulkJob.objects.get()
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("triage-jobs:detail", args=[job.pk])
    )
    assert (job.created_by, job.kind, job.state) == (officer, "status", "waiting")
    assert job.created_at is not None

    # Before the worker runs, nothing has changed and the page says the job is waiting, in a live region.
    page = client.get(response["Location"]).text
    assert 'role="status" aria-live="polite"' in page and "Waiting for the background worker" in page
    assert "olivia" in page or "Olivia" in page
    assert "/admin/triage/?marketplace=amazon" in page  # the way back to the queue
    assert status(client, job)["state"] == "waiting"
    assert not Report.objects.filter(status="closed").exists()

    run_worker()

    progress = status(client, job)
    assert progress | {"text": None, "state_label": None} == {
        "state": "finished",
        "state_label": None,
        "done": 5,
        "total": 5,
        "changed": 5,
        "percent": 100,
        "over": True,
        "text": None,
        "download_url": "",
    }
    assert progress["text"] == "Finished: 5 of 5 reports changed."
    assert "Finished: 5 of 5 reports changed." in client.get(response["Location"]).text
    for report in matching:
        report.refresh_from_db()
        assert (report.status, report.closed_reason) == ("closed", "actioned")
        (entry,) = logged(report, "triage.status")
        assert entry.user == officer and entry.label == report.tracking_number
        assert entry.data == {"from": "new", "to": "closed", "closed_reason": "actioned"}
    other.refresh_from_db()
    assert other.status == "new"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failure_midway_keeps_the_finished_batches_and_says_where_it_stopped(
    client, officer, toys_free, small_batches
):
    reports = [make_report(toys_free) for _n in range(6)]
    client.force_login(officer)
    trigger_on(reports[4].pk)  # the database refuses to change the fifth report: the third batch fails
    try:
        client.post(
            reverse("triage:bulk"),
            {"action": "spam", "scope": "selected", "reports": [report.pk for report in reports]},
        )
    finally:
        drop_trigger()

    job = BulkJob.objects.get()
    assert job.state == "failed" and (job.done, job.total) == (4, 6)
    assert job.error.startswith("Stopped after 4 of 6: ") and "blocked for the test" in job.error
    assert "start the job again for the rest" in job.error
    closed = [Report.objects.get(pk=report.pk).status == "closed" for report in reports]
    assert closed == [True, True, True, True, False, False]
    assert [logged(report, "triage.status").count() for report in reports] == [1, 1, 1, 1, 0, 0]
    page = client.get(reverse("triage-jobs:detail", args=[job.pk])).text
    assert "Stopped with an error" in page and "Stopped after 4 of 6" in page


@pytest.mark.django_db
def test_reports_an_action_cannot_apply_to_are_listed_on_the_job(client, officer, toys_free):
    original = make_report(toys_free)
    copy = make_report(toys_free)
    client.force_login(officer)
    client.post(
        reverse("triage:bulk"),
        {"action": "duplicate", "original": original.tracking_number, "reports": [original.pk, copy.pk]},
    )
    job = BulkJob.objects.get()
    assert (job.state, job.done, job.changed) == ("finished", 2, 1)
    assert job.problems == [f"{original.tracking_number}: A report cannot duplicate itself."]
    assert "A report cannot duplicate itself." in client.get(reverse("triage-jobs:detail", args=[job.pk])).text


@pytest.mark.django_db
def test_a_bulk_action_needs_ticked_reports_or_every_matching_one(client, officer, toys_free):
    client.force_login(officer)
    response = client.post(reverse("triage:bulk"), {"action": "spam"}, follow=True)
    assert "Tick at least one report" in response.text
    assert not BulkJob.objects.exists()


@pytest.fixture
def viewer(db):
    user = UserFactory(username="vera")
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "view_triagereport"], content_type__app_label__in=["wagtailadmin", "triage"]
        )
    )
    return user


@pytest.fixture
def purger(db):
    user = UserFactory(username="petra", groups=["Triage officers"])
    user.user_permissions.add(Permission.objects.get(codename="run_purge"))
    return user


@pytest.mark.django_db
def test_jobs_are_permission_checked(client, officer, viewer, purger, toys_free, settings, tmp_path):
    settings.TRIAGE_EXPORTS_ROOT = tmp_path / "exports"
    report = make_report(toys_free)

    # Someone who may only look at reports cannot change them in bulk, nor purge; exporting is allowed.
    client.force_login(viewer)
    assert refused(client.post(reverse("triage:bulk"), {"action": "spam", "reports": [report.pk]}))
    assert refused(client.post(reverse("triage-jobs:purge"), {"kind": "purge_uploads"}))
    assert client.post(reverse("triage-jobs:export"), {"query": ""}).status_code == 302
    export = BulkJob.objects.get()
    report.refresh_from_db()
    assert report.status == "new"

    # An officer sees only their own jobs, and no purge buttons without the permission.
    client.force_login(officer)
    for name in ("detail", "status", "download"):
        assert refused(client.get(reverse(f"triage-jobs:{name}", args=[export.pk])))
    index = client.get(reverse("triage-jobs:index")).text
    assert "Purges" not in index and reverse("triage-jobs:detail", args=[export.pk]) not in index
    assert refused(client.post(reverse("triage-jobs:purge"), {"kind": "purge_contacts"}))

    # With `triage.run_purge` the purges are offered and start.
    client.force_login(purger)
    assert "Remove contact details" in client.get(reverse("triage-jobs:index")).text
    response = client.post(reverse("triage-jobs:purge"), {"kind": "purge_uploads"})
    job = BulkJob.objects.get(kind="purge_uploads")
    assert response.status_code == 302 and job.created_by == purger and job.state == "finished"


@pytest.mark.django_db
def test_people_outside_triage_reach_no_job(client, editor, officer, toys_free):
    client.force_login(officer)
    client.post(reverse("triage:bulk"), {"action": "spam", "reports": [make_report(toys_free).pk]})
    job = BulkJob.objects.get()
    client.force_login(editor)
    for url in (reverse("triage-jobs:index"), reverse("triage-jobs:detail", args=[job.pk])):
        assert refused(client.get(url))
    assert refused(client.post(reverse("triage-jobs:export"), {"query": ""}))
    assert BulkJob.objects.count() == 1


@pytest.mark.django_db
def test_the_export_job_writes_a_csv_the_officer_downloads(client, officer, toys_free, settings, tmp_path):
    settings.TRIAGE_EXPORTS_ROOT = tmp_path / "exports"
    settings.TRIAGE_BULK_BATCH_SIZE = 2
    kept = [make_report(toys_free, seller_name=f"=HYPERLINK(seller {n})") for n in range(3)]
    ReporterContactFactory(report=kept[0], name="Ana Reporter", email="ana@example.com")
    closed = make_report(toys_free)
    operations.change_status(closed, "closed", user=officer, closed_reason="actioned")
    client.force_login(officer)

    response = client.post(reverse("triage-jobs:export"), {"query": ""}, follow=True)
    job = BulkJob.objects.get()
    assert (job.state, job.total, job.done) == ("finished", 3, 3)
    assert "3 reports exported" in response.text and reverse("triage-jobs:download", args=[job.pk]) in response.text

    download = client.get(reverse("triage-jobs:download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert rows[0][:3] == ["Tracking number", "Status", "Closed because"]
    assert sorted(row[0] for row in rows[1:]) == sorted(report.tracking_number for report in kept)
    assert all(row[8].startswith("'=HYPERLINK") for row in rows[1:])  # through website/spreadsheets.py
    assert not any("Ana Reporter" in cell or "ana@example.com" in cell for row in rows for cell in row)


@pytest.mark.django_db
def test_old_export_files_are_deleted_and_the_download_says_so(client, officer, toys_free, settings, tmp_path):
    settings.TRIAGE_EXPORTS_ROOT = tmp_path / "exports"
    make_report(toys_free)
    client.force_login(officer)
    client.post(reverse("triage-jobs:export"), {"query": ""})
    client.post(reverse("triage-jobs:export"), {"query": ""})
    old, recent = BulkJob.objects.order_by("pk")
    BulkJob.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(hours=73))
    stray = settings.TRIAGE_EXPORTS_ROOT / "triage-reports-999-from-a-killed-worker.csv"
    stray.write_text("Tracking number\n")
    os.utime(stray, (time.time() - 73 * 3600,) * 2)

    output = io.StringIO()
    call_command("purge_triage_exports", stdout=output)
    assert output.getvalue().strip() == "Deleted 2 export file(s) older than 72 hours."
    assert client.get(reverse("triage-jobs:download", args=[old.pk])).status_code == 404
    page = client.get(reverse("triage-jobs:detail", args=[old.pk])).text
    assert "The file was deleted after 72 hours: start the export again." in page
    assert reverse("triage-jobs:download", args=[old.pk]) not in page
    assert client.get(reverse("triage-jobs:download", args=[recent.pk])).status_code == 200
    assert sorted(path.name for path in settings.TRIAGE_EXPORTS_ROOT.iterdir()) == [recent.file_name]


@pytest.mark.django_db
def test_the_queue_csv_streams_the_rows(client, officer, toys_free):
    reports = [make_report(toys_free) for _n in range(3)]
    client.force_login(officer)
    response = client.get(reverse("triage:index"), {"export": "csv"})
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 4 and {row[0] for row in rows[1:]} == {report.tracking_number for report in reports}


@pytest.mark.django_db
def test_purging_contact_details_in_batches_keeps_the_audit_log(client, purger, officer, toys_free, settings):
    settings.TRIAGE_BULK_BATCH_SIZE = 2
    old = [make_report(toys_free) for _n in range(5)]
    recent = make_report(toys_free)
    for report in [*old, recent]:
        ReporterContactFactory(report=report)
        operations.change_status(report, "closed", user=officer, closed_reason="actioned")
    TriageState.objects.filter(report_id__in=[report.pk for report in old]).update(
        closed_at=timezone.now() - timedelta(days=400)
    )
    client.force_login(purger)
    client.post(reverse("triage-jobs:purge"), {"kind": "purge_contacts", "older_than_days": "365"})
    job = BulkJob.objects.get()
    assert (job.state, job.total, job.done, job.parameters) == ("finished", 5, 5, {"older_than_days": 365})
    assert list(ReporterContact.objects.values_list("report_id", flat=True)) == [recent.pk]
    assert all(logged(report, "triage.contact_purged").count() == 1 for report in old)


@pytest.mark.django_db
def test_purging_unused_files_as_a_job(client, purger, report_files):
    orphan = report_files / "reports" / "2026" / "01" / "lost.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.7")
    old = time.time() - 3 * 3600
    os.utime(orphan, (old, old))
    client.force_login(purger)
    client.post(reverse("triage-jobs:purge"), {"kind": "purge_uploads"})
    job = BulkJob.objects.get()
    assert (job.state, job.done, job.changed) == ("finished", 1, 1)
    assert not orphan.exists()
    assert "1 files checked, 1 deleted" in client.get(reverse("triage-jobs:detail", args=[job.pk])).text


@pytest.mark.django_db
def test_a_job_whose_worker_stopped_is_marked_failed_and_keeps_what_it_did(client, officer, toys_free, settings):
    settings.TRIAGE_BULK_STALL_MINUTES = 30
    now = timezone.now()
    # What a worker killed mid-job leaves: running, two of five done, nothing recorded for an hour.
    stalled = BulkJob.objects.create(
        kind="spam", created_by=officer, state="running", total=5, done=2, started_at=now - timedelta(hours=1)
    )
    BulkJob.objects.filter(pk=stalled.pk).update(progressed_at=now - timedelta(minutes=45))
    busy = BulkJob.objects.create(kind="spam", created_by=officer, state="running", total=5, done=1, started_at=now)
    BulkJob.objects.filter(pk=busy.pk).update(progressed_at=now - timedelta(minutes=2))
    client.force_login(officer)
    assert "Running" in client.get(reverse("triage-jobs:detail", args=[stalled.pk])).text

    out = io.StringIO()
    call_command("fail_stalled_jobs", stdout=out)

    assert "Marked 1 stalled bulk job(s) as failed." in out.getvalue()
    stalled.refresh_from_db()
    busy.refresh_from_db()
    assert (stalled.state, stalled.done, stalled.finished_at is not None) == ("failed", 2, True)
    assert busy.state == "running"  # it made progress two minutes ago
    page = client.get(reverse("triage-jobs:detail", args=[stalled.pk])).text
    assert "The background worker stopped while running this job, after 2 of 5." in page
    assert "start the job again for the rest" in page


@pytest.mark.django_db
def test_a_running_job_records_its_progress(client, officer, toys_free, small_batches):
    reports = [make_report(toys_free) for _n in range(3)]
    client.force_login(officer)
    client.post(reverse("triage:bulk"), {"action": "spam", "scope": "selected", "reports": [r.pk for r in reports]})
    job = BulkJob.objects.get()
    assert job.state == "finished" and job.progressed_at is not None
    assert job.progressed_at >= job.started_at
    call_command("fail_stalled_jobs", "--older-than", "1", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.state == "finished"  # only running jobs are ever marked


@pytest.mark.django_db
def test_a_worker_that_wakes_up_after_its_job_was_marked_stalled_changes_nothing(officer, toys_free):
    from triage import bulk_jobs

    reports = [make_report(toys_free) for _n in range(2)]
    job = BulkJob.objects.create(
        kind="spam",
        created_by=officer,
        parameters={"selection": {"ids": [report.pk for report in reports]}},
    )
    bulk_jobs._update(job, state="running", started_at=timezone.now() - timedelta(hours=1))
    BulkJob.objects.filter(pk=job.pk).update(progressed_at=timezone.now() - timedelta(hours=1))
    assert bulk_jobs.fail_stalled(30) == 1

    # The paused worker carries on with the job object it holds: its next write stops it.
    with pytest.raises(bulk_jobs.JobStopped):
        bulk_jobs._update(job, done=2, changed=2)
    job.refresh_from_db()
    assert (job.state, job.done) == ("failed", 0)
    assert "The background worker stopped" in job.error
