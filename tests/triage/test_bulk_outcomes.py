"""Closing reports in bulk records their outcome as closing one report does: the same choices and rules, and every
report the job closes gets the outcome in the same transaction as its closing (a failed batch leaves neither).
Through the queue's real bulk form; the job runs in the worker (immediately in tests)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from outcomes import recording
from outcomes.models import ReportOutcome
from outcomes.reporter import public_outcome
from reports.models import Report
from tests.database_refusal import drop_trigger, trigger_on
from tests.triage.conftest import make_report
from triage import operations
from triage.models import BulkJob
from triage.operations import as_logged


def bulk_close(client, reports, **fields):
    data = {"action": "status", "status": "closed", "scope": "selected", "reports": [r.pk for r in reports]}
    return client.post(reverse("triage:bulk"), data | fields, follow=True)


@pytest.mark.django_db
def test_closing_in_bulk_with_an_outcome_records_it_on_every_report_closed(client, officer, toys_free):
    fresh = [make_report(toys_free) for _n in range(3)]
    # Closed in bulk before outcomes could be given: closed for action taken, with no outcome.
    earlier = make_report(toys_free)
    operations.change_status(earlier, "closed", user=officer, closed_reason="actioned")
    # Closed on its own page with its own outcome: keeps it.
    own = make_report(toys_free)
    recording.close_report(own, "listing_removed", user=officer)
    client.force_login(officer)

    day = timezone.localdate() - timedelta(days=2)
    response = bulk_close(
        client,
        [*fresh, earlier, own],
        outcome="shipment_seized",
        outcome_date=day.isoformat(),
        outcome_reference=" SZ-2026-114 ",
    )
    assert response.status_code == 200
    job = BulkJob.objects.get()
    assert (job.state, job.done, job.changed) == ("finished", 5, 4)

    for report in [*fresh, earlier]:
        report.refresh_from_db()
        assert (report.status, report.closed_reason) == ("closed", "actioned")  # the outcome's reason, as one close
        outcome = ReportOutcome.objects.get(report=report)
        assert (outcome.code, outcome.action_date, outcome.reference) == ("shipment_seized", day, "SZ-2026-114")
        assert outcome.recorded_by == officer and outcome.led_to_action
        assert outcome.days_to_action == max(0, (day - timezone.localdate(report.submitted_at)).days)
        (entry,) = ModelLogEntry.objects.for_instance(as_logged(report)).filter(action="outcomes.record")
        assert entry.user == officer and entry.data["label"] == "Shipment seized"
    assert ReportOutcome.objects.get(report=own).code == "listing_removed"
    # What the reporter is told (status page and status API).
    assert public_outcome(Report.objects.get(pk=fresh[0].pk)) == {
        "code": "shipment_seized",
        "label": "A shipment linked to your report was seized at the border.",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, says",
    [
        ({}, "Choose why the reports are closed."),
        ({"closed_reason": "actioned"}, "Choose the outcome: what came of the reports."),
        ({"closed_reason": "no_action"}, "Choose the outcome: what came of the reports."),
        ({"closed_reason": "spam", "outcome": "listing_removed"}, "Reports closed as duplicates, spam or blank have"),
        ({"closed_reason": "no_action", "outcome": "listing_removed"}, "This outcome goes with the reason"),
        ({"outcome": "seized_by_magic"}, "Select a valid choice"),
        ({"outcome": "penalty", "outcome_date": "2999-01-01"}, "The date of the action cannot be in the future."),
        ({"status": "in_review", "outcome": "penalty"}, "An outcome is recorded only when the reports are closed."),
        ({"action": "assign", "outcome": "penalty"}, "An outcome is recorded only when the reports are closed."),
    ],
)
def test_a_bulk_close_follows_the_rules_of_closing_one_report(client, officer, toys_free, fields, says):
    """The same rules, worded for the several reports the form acts on (never the report page's singular)."""
    reports = [make_report(toys_free) for _n in range(2)]
    client.force_login(officer)
    response = bulk_close(client, reports, **fields)
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert says in page
    for one_report in (
        "An outcome is recorded only when the report is closed.",
        "Choose why the report is closed.",
        "Choose the outcome: what came of the report.",
        "A report closed as a duplicate, spam or blank has no outcome.",
    ):
        assert one_report not in page
    assert not BulkJob.objects.exists()
    assert not Report.objects.filter(status="closed").exists()
    assert not ReportOutcome.objects.exists()


@pytest.mark.django_db
def test_closing_as_spam_or_duplicate_in_bulk_still_needs_no_outcome(client, officer, toys_free):
    reports = [make_report(toys_free) for _n in range(2)]
    client.force_login(officer)
    bulk_close(client, reports, closed_reason="blank")
    assert Report.objects.filter(status="closed", closed_reason="blank").count() == 2
    assert not ReportOutcome.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_batch_whose_outcomes_cannot_be_written_closes_none_of_its_reports(client, officer, toys_free, settings):
    settings.TRIAGE_BULK_BATCH_SIZE = 2
    reports = [make_report(toys_free) for _n in range(4)]
    client.force_login(officer)
    # The second batch fails while writing outcomes.
    trigger_on(reports[2].pk, table="outcomes_reportoutcome", column="report_id", event="INSERT")
    try:
        bulk_close(client, reports, outcome="no_action")
    finally:
        drop_trigger("outcomes_reportoutcome")

    job = BulkJob.objects.get()
    assert job.state == "failed" and (job.done, job.total) == (2, 4)
    closed = [Report.objects.get(pk=report.pk).status == "closed" for report in reports]
    assert closed == [True, True, False, False]
    with_outcome = set(ReportOutcome.objects.values_list("report_id", flat=True))
    assert with_outcome == {reports[0].pk, reports[1].pk}  # every closed report has its outcome, and only they
    assert ReportOutcome.objects.filter(code="no_action").count() == 2
    assert not ModelLogEntry.objects.filter(action="triage.status", object_id=str(reports[3].pk)).exists()


@pytest.mark.django_db
def test_the_outcome_fields_are_on_the_queues_bulk_form(client, officer, toys_free):
    make_report(toys_free)
    client.force_login(officer)
    page = client.get(reverse("triage:index")).content.decode()
    form = page[page.index('id="triage-bulk"') :]
    form = form[: form.index("</form>")]
    for name in ("outcome", "outcome_date", "outcome_reference"):
        assert f'name="{name}"' in form
