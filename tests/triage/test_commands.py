"""Retention (purge_reporter_data) and the urgent digest (send_triage_digest)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from reports.models import Report, ReporterContact
from tests.reports.factories import ReporterContactFactory
from tests.triage.conftest import make_report
from triage import operations
from triage.models import DigestRun, TriageState
from triage.operations import as_logged

pytestmark = pytest.mark.django_db


def closed_days_ago(report, officer, days):
    operations.change_status(report, "closed", user=officer, closed_reason="actioned")
    TriageState.objects.filter(report_id=report.pk).update(closed_at=timezone.now() - timedelta(days=days))


def test_purge_removes_contact_details_of_long_closed_reports_only(officer, toys_free, capsys):
    old = make_report(toys_free, seller_name="Keep me")
    recent = make_report(toys_free)
    still_open = make_report(toys_free)
    for report in (old, recent, still_open):
        ReporterContactFactory(report=report)
    closed_days_ago(old, officer, 400)
    closed_days_ago(recent, officer, 10)
    Report.objects.filter(pk=still_open.pk).update(submitted_at=timezone.now() - timedelta(days=800))

    call_command("purge_reporter_data", "--older-than", "365", "--dry-run")
    assert "1 closed report(s)" in capsys.readouterr().out
    assert ReporterContact.objects.count() == 3

    call_command("purge_reporter_data", "--older-than", "365")
    assert "from 1 closed report(s)" in capsys.readouterr().out
    assert set(ReporterContact.objects.values_list("report_id", flat=True)) == {recent.pk, still_open.pk}
    old.refresh_from_db()
    assert old.seller_name == "Keep me" and old.description  # the de-identified rest stays
    assert old.triage.contact_purged_at is not None
    assert ModelLogEntry.objects.for_instance(as_logged(old)).filter(action="triage.contact_purged").exists()

    call_command("purge_reporter_data", "--older-than", "365")
    assert "from 0 closed report(s)" in capsys.readouterr().out


def test_digest_sends_new_urgent_reports_without_contact_data(officer, contact_viewer, editor, toys_free, capsys):
    urgent = make_report(toys_free, harm=True)
    ReporterContactFactory(report=urgent, name="Ana Reporter", email="ana@example.com", phone="555-0100")
    make_report(toys_free)  # not urgent

    call_command("send_triage_digest")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.bcc) == {officer.email, contact_viewer.email}
    assert editor.email not in message.bcc
    assert urgent.tracking_number in message.body and "Handbags" in message.body and "hours old" in message.body
    for secret in ("Ana Reporter", "ana@example.com", "555-0100"):
        assert secret not in message.body
    assert "Sent 1 urgent report(s)" in capsys.readouterr().out

    # Nothing new since the last digest: nothing is sent.
    call_command("send_triage_digest")
    assert len(mail.outbox) == 1
    assert "nothing sent" in capsys.readouterr().out

    later = make_report(toys_free, harm=True)
    call_command("send_triage_digest")
    assert len(mail.outbox) == 2
    assert later.tracking_number in mail.outbox[1].body and urgent.tracking_number not in mail.outbox[1].body
    assert DigestRun.objects.count() == 3


def test_no_digest_when_there_are_no_urgent_reports(officer, toys_free):
    make_report(toys_free)
    call_command("send_triage_digest")
    assert mail.outbox == []
