"""A report's page: fields, files, contact details (logged), notes, actions, timeline, referrals and cases."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from reports.models import Attachment, ReporterAddition
from tests.triage.conftest import make_report
from triage import operations
from triage.models import Case, Note, Referral
from triage.operations import as_logged

pytestmark = pytest.mark.django_db


def page(client, report):
    response = client.get(reverse("triage:inspect", args=[report.pk]))
    assert response.status_code == 200
    return response.text


def log_actions(report):
    return list(
        ModelLogEntry.objects.for_instance(as_logged(report)).order_by("timestamp").values_list("action", flat=True)
    )


@pytest.fixture
def attachment(report):
    attachment = Attachment(
        report=report, original_name="photo of bag.html", content_type="text/html", size=20, sha256="0"
    )
    attachment.file.save("abc.html", ContentFile(b"<script>alert(1)</script>"), save=False)
    attachment.save()
    return attachment


def test_every_field_is_shown(client, officer, report):
    client.force_login(officer)
    text = page(client, report)
    for value in ("Lux-Bags", "handbag stitching fell apart", "A-100", "9400 1111 2222 3333 4444 55", "China (CN)"):
        assert value in text
    assert "Internal notes" in text and "Timeline" in text


def test_files_are_served_only_to_staff_as_downloads(client, officer, editor, report, attachment):
    """A row stored before files were named from their content (HTML, under an .html name) is served under a
    safe name, as bytes that no browser will render."""
    url = reverse("triage:file", args=[attachment.pk])
    client.force_login(officer)
    text = page(client, report)
    assert url in text
    assert "Sent as “photo of bag.html”." in text
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    assert response["Content-Disposition"] == f'attachment; filename="report-{report.tracking_number}-file-1.bin"'
    assert response["Content-Type"] == "application/octet-stream"
    assert "html" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "triage.file_download" in log_actions(report)

    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)
    client.logout()
    assert client.get(url).status_code == 302


def test_the_reporters_file_name_is_shown_only_as_escaped_text(client, officer, report):
    attachment = Attachment(
        report=report,
        position=1,
        original_name='<img src=x onerror="alert(1)">.pdf',
        content_type="image/png",
        size=20,
        sha256="0",
    )
    attachment.file.save("x.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20), save=False)
    attachment.save()
    client.force_login(officer)
    text = page(client, report)
    assert "<img src=x" not in text
    assert "Sent as “&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.pdf”." in text
    assert f"report-{report.tracking_number}-file-1.png" in text
    response = client.get(reverse("triage:file", args=[attachment.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="report-{report.tracking_number}-file-1.png"'


def test_each_contact_view_is_logged_with_who_and_when(client, contact_viewer, report):
    client.force_login(contact_viewer)
    client.post(reverse("triage:contact", args=[report.pk]))
    client.post(reverse("triage:contact", args=[report.pk]))
    entries = ModelLogEntry.objects.for_instance(as_logged(report)).filter(action="triage.contact_view")
    assert entries.count() == 2
    assert {entry.user for entry in entries} == {contact_viewer}
    assert all(entry.timestamp for entry in entries)
    assert "Viewed contact details" in page(client, report)


def test_closing_needs_a_reason(client, officer, report):
    client.force_login(officer)
    client.post(reverse("triage:status", args=[report.pk]), {"status": "closed"})
    report.refresh_from_db()
    assert report.status == "new"
    # "No action possible" also needs the enforcement outcome (outcomes/forms.py).
    client.post(reverse("triage:status", args=[report.pk]), {"status": "closed", "closed_reason": "no_action"})
    report.refresh_from_db()
    assert report.status == "new"
    client.post(
        reverse("triage:status", args=[report.pk]),
        {"status": "closed", "closed_reason": "no_action", "outcome": "not_enough_information"},
    )
    report.refresh_from_db()
    assert (report.status, report.closed_reason) == ("closed", "no_action")
    assert report.triage.closed_at is not None
    with pytest.raises(operations.OperationError):
        operations.change_status(report, "closed", user=officer, closed_reason="")


def test_timeline_holds_every_kind_of_event(client, officer, report, toys_free):
    client.force_login(officer)
    client.post(reverse("triage:assign", args=[report.pk]), {"assignee": officer.pk})
    client.post(reverse("triage:status", args=[report.pk]), {"status": "in_review"})
    client.post(reverse("triage:note", args=[report.pk]), {"text": "Seller also on another site."})
    client.post(reverse("triage:priority", args=[report.pk]), {"priority": "high", "reason": "Many similar bags"})
    client.post(reverse("triage:case", args=[report.pk]), {"title": "Lux bag ring"})
    client.post(reverse("triage:refer", args=[report.pk]), {"agency": "hsi", "note": "Possible ring"})
    ReporterAddition.objects.create(report=report, text="I found the seller's other shop.")
    text = page(client, report)
    for expected in (
        "Report submitted",
        "Assigned to olivia",
        "Status changed from New to In review",
        "Internal note added",
        "Priority set to High: Many similar bags",
        "Added to case “Lux bag ring”",
        "Referred to HSI / National IPR Center",
        "Status changed from In review to Referred",
        "The reporter added information",
        "Seller also on another site.",
    ):
        assert expected in text, expected
    assert Note.objects.get(report=report).author == officer


def test_notes_are_internal(client, officer, report):
    operations.add_note(report, "Internal only: suspect ring", user=officer)
    # The public status page and API never read triage notes: the note lives only in triage.
    assert not hasattr(report, "notes")
    client.force_login(officer)
    assert "Internal only: suspect ring" in page(client, report)


def test_referral_sets_status_and_records_outcome(client, officer, report):
    client.force_login(officer)
    client.post(reverse("triage:refer", args=[report.pk]), {"agency": "fda", "note": "Unapproved medicine"})
    report.refresh_from_db()
    assert report.status == "referred"
    referral = Referral.objects.get(report=report)
    assert (referral.agency, referral.status, referral.referred_by) == ("fda", "sent", officer)
    client.post(
        reverse("triage:referral", args=[referral.pk]), {"status": "action_taken", "outcome": "Listing removed"}
    )
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("action_taken", "Listing removed")
    assert "Referral to FDA: Action taken — Listing removed" in page(client, report)


def test_referrals_logged_before_the_agency_name_still_read_right(client, officer, report):
    # Entries written before the Agency rename keep their old keys ("partner", "partner_label").
    from wagtail.log_actions import log

    log(as_logged(report), "triage.refer", user=officer, data={"partner": "fda", "partner_label": "FDA"})
    log(as_logged(report), "triage.referral_update", user=officer, data={"partner_label": "FDA", "to": "no_action"})
    client.force_login(officer)
    text = page(client, report)
    assert "Referred to FDA" in text
    assert "Referral to FDA: No action" in text


def test_cases_group_reports_and_can_be_referred(client, officer, report, toys_free):
    other = make_report(toys_free, seller_name="lux-bags")
    client.force_login(officer)
    client.post(reverse("triage:case", args=[report.pk]), {"title": "Lux bags"})
    case = Case.objects.get(title="Lux bags")
    client.post(reverse("triage:case", args=[other.pk]), {"case": case.pk})
    assert set(case.reports.values_list("pk", flat=True)) == {report.pk, other.pk}
    text = client.get(reverse("triage-cases:inspect", args=[case.pk])).text
    assert report.tracking_number in text and other.tracking_number in text

    client.post(reverse("triage-cases:refer", args=[case.pk]), {"agency": "marketplace", "note": "Take down"})
    referral = Referral.objects.get(case=case)
    for each in (report, other):
        each.refresh_from_db()
        assert each.status == "referred"
        assert "Referred to The marketplace (with case “Lux bags”)" in page(client, each)
    assert referral.agency == "marketplace"


def test_marking_duplicate_links_to_the_original(client, officer, report, toys_free):
    copy = make_report(toys_free)
    client.force_login(officer)
    client.post(reverse("triage:duplicate", args=[copy.pk]), {"original": report.tracking_number})
    copy.refresh_from_db()
    assert (copy.status, copy.closed_reason, copy.triage.duplicate_of) == ("closed", "duplicate", report)
    assert f"Marked as a duplicate of {report.tracking_number}" in page(client, copy)
    response = client.post(reverse("triage:duplicate", args=[copy.pk]), {"original": "CF-NOPE-NOPE"})
    assert response.status_code == 400
    assert "No report has that tracking number." in response.text


def test_staff_see_when_a_seller_is_or_claims_to_be_a_vetted_importer(client, officer, report):
    from tests.importers.conftest import ImporterFactory

    ImporterFactory(legal_name="Acme Imports LLC", domains=["acme-imports.example"])
    client.force_login(officer)

    report.seller_name, report.listing_url = "Acme Imports", "https://shop.example/listing/1"
    report.save()
    assert "possible impersonation" in page(client, report)

    report.seller_name, report.listing_url = "Someone", "https://www.acme-imports.example/p/9"
    report.save()
    assert "belongs to a vetted importer: Acme Imports LLC" in page(client, report)

    report.seller_name, report.listing_url = "Unknown Shop", "https://unknown.example/"
    report.save()
    assert "matches the directory" in page(client, report)
