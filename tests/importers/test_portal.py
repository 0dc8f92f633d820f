"""Importers in the partner portal: status, history as shown to them, expiry banner, consent, renewal with
documents (checked like report files, all or nothing), and staff deciding in the admin."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from importers.models import RenewalApplication, RenewalDocument, VettingDecision
from tests.portal.members import new_member
from tests.reports.factories import image_bytes, pdf_bytes
from tests.verified_client import VerifiedClient

from .conftest import ImporterFactory, set_status

pytestmark = pytest.mark.django_db

STATUS = "/portal/importer/"
CONSENT = "/portal/importer/consent/"
APPLY = "/portal/importer/renewal/"


def member_of(importer, role="admin"):
    from partners.models import Partner

    organisation = Partner.objects.filter(importer=importer).first() or Partner.objects.create(
        name=f"{importer.legal_name} (portal)", kind="importer", importer=importer
    )
    return new_member(kind="importer", role=role, organisation=organisation)


def signed_in(membership):
    client = VerifiedClient()
    client.force_login(membership.user)
    return client


def pdf(name="certificate.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def stored_files(report_files):
    return [path for path in Path(report_files).rglob("*") if path.is_file()]


def test_the_status_page_shows_status_dates_id_and_the_history_meant_for_the_importer(vetting_officer):
    importer = ImporterFactory(legal_name="History Example LLC")
    set_status(importer, "suspended", reason="INTERNAL: tip from an informant", user=vetting_officer)
    importer.change_status(
        "trusted", "INTERNAL: audit closed", vetting_officer, "Your audit is complete. Welcome back."
    )
    importer.save()
    page = signed_in(member_of(importer, role="viewer")).get(STATUS).content.decode()
    assert importer.verification_id in page
    assert "Your audit is complete. Welcome back." in page
    assert "Suspended → Trusted" in page
    assert "INTERNAL" not in page
    assert f">{vetting_officer.username}<" not in page
    assert f'datetime="{importer.valid_until.isoformat()}"' in page


def test_a_banner_asks_to_renew_when_expiry_is_near(settings):
    settings.IMPORTER_RENEWAL_NOTICE_DAYS = 60
    today = timezone.localdate()
    far = ImporterFactory(valid_until=today + timedelta(days=200))
    near = ImporterFactory(valid_until=today + timedelta(days=20))
    lapsed = ImporterFactory(vetted_on=today - timedelta(400), valid_until=today - timedelta(days=2))
    assert 'data-banner="expiry"' not in signed_in(member_of(far)).get(STATUS).content.decode()
    page = signed_in(member_of(near)).get(STATUS).content.decode()
    assert 'data-banner="expiry"' in page
    assert "in 20 days. Apply for renewal now." in page
    page = signed_in(member_of(lapsed)).get(STATUS).content.decode()
    assert 'data-banner="expired"' in page


def test_the_admin_gives_and_withdraws_consent_and_the_directory_follows(client):
    importer = ImporterFactory(legal_name="Consenting Example LLC", listing_consent=False)
    admin = member_of(importer)
    portal = signed_in(admin)
    assert "Consenting Example LLC" not in client.get("/trusted-importers/").content.decode()

    assert portal.post(CONSENT, {}).status_code == 400
    response = portal.post(CONSENT, {"listed": "yes"})
    assert response.status_code == 302
    assert "Consenting Example LLC" in client.get("/trusted-importers/").content.decode()
    record = importer.consent_records.get()
    assert (record.source, record.recorded_by, record.given) == ("portal", admin.user, True)

    portal.post(CONSENT, {"listed": "no"})
    assert "Consenting Example LLC" not in client.get("/trusted-importers/").content.decode()
    assert importer.consent_records.count() == 2


def test_a_viewer_cannot_change_consent():
    importer = ImporterFactory(listing_consent=False)
    response = signed_in(member_of(importer, role="viewer")).post(CONSENT, {"listed": "yes"})
    assert response.status_code == 403
    importer.refresh_from_db()
    assert not importer.listing_consent


def test_renewal_with_documents_then_staff_decide(client, vetting_officer, report_files):
    importer = ImporterFactory(legal_name="Renewing Example LLC")
    portal = signed_in(member_of(importer, role="responder"))
    response = portal.post(
        APPLY,
        {
            "statement": "New warehouse in Reno.",
            "documents": [pdf(), SimpleUploadedFile("photo.jpg", image_bytes("JPEG"), content_type="image/jpeg")],
        },
    )
    assert response.status_code == 302
    application = RenewalApplication.objects.get()
    assert response["Location"] == f"/portal/importer/renewal/{application.pk}/"
    documents = list(application.documents.all())
    assert [d.content_type for d in documents] == ["application/pdf", "image/jpeg"]
    files = stored_files(report_files)
    assert len(files) == 2
    assert all("importers/renewals" in str(path) and "certificate" not in path.name for path in files)
    page = portal.get(response["Location"]).content.decode()
    assert "Waiting for CBP" in page and "certificate.pdf" in page

    client.force_login(vetting_officer)
    inspect = client.get(f"/admin/trusted-importers/inspect/{importer.pk}/")
    assert inspect.status_code == 200, (inspect.status_code, inspect.get("Location"))
    inspect = inspect.content.decode()
    assert f"/admin/trusted-importers/renewal/{application.pk}/" in inspect
    listing = client.get("/admin/trusted-importers/", {"renewal": "waiting"}).content.decode()
    assert "Renewing Example LLC" in listing
    download = client.get(f"/admin/trusted-importers/renewal/document/{documents[0].pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert f"renewal-R-{application.pk}-document-1.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")

    new_date = timezone.localdate() + timedelta(days=730)
    missing = client.post(
        f"/admin/trusted-importers/renewal/{application.pk}/", {"decision": "approve", "reason": "x"}
    )
    assert missing.status_code == 400
    response = client.post(
        f"/admin/trusted-importers/renewal/{application.pk}/",
        {
            "decision": "approve",
            "valid_until": new_date.isoformat(),
            "reason": "INTERNAL: site visit fine",
            "message_for_importer": "Renewed for two years.",
        },
    )
    assert response.status_code == 302
    importer.refresh_from_db()
    application.refresh_from_db()
    assert importer.valid_until == new_date
    assert application.state == "approved"
    decision = VettingDecision.objects.filter(importer=importer).first()
    assert (decision.reason, decision.user, application.decision) == (
        "INTERNAL: site visit fine",
        vetting_officer,
        decision,
    )

    status = portal.get(STATUS).content.decode()
    assert "Renewed for two years." in status and "INTERNAL" not in status
    assert f'datetime="{new_date.isoformat()}"' in status


def test_a_bad_file_is_refused_clearly_and_nothing_is_saved(report_files):
    importer = ImporterFactory()
    portal = signed_in(member_of(importer))
    response = portal.post(
        APPLY,
        {
            "statement": "Nothing",
            "documents": [
                pdf(),
                SimpleUploadedFile("letter.pdf", b"<html>not a pdf</html>", content_type="application/pdf"),
            ],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "letter.pdf: This file is not a photo (JPEG, PNG, WebP, HEIC) or a PDF." in page
    assert "Nothing was sent." in page
    assert not RenewalApplication.objects.exists()
    assert not RenewalDocument.objects.exists()
    assert stored_files(report_files) == []

    response = portal.post(APPLY, {"statement": "Nothing"})
    assert response.status_code == 400
    assert "Add at least one document" in response.content.decode()


def test_a_storage_failure_saves_nothing(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.REPORT_FILES_ROOT = blocker
    portal = signed_in(member_of(ImporterFactory()))
    response = portal.post(APPLY, {"statement": "Nothing", "documents": [pdf(), pdf("second.pdf")]})
    assert response.status_code == 503
    assert "Nothing was sent" in response.content.decode()
    assert not RenewalApplication.objects.exists()


def test_one_application_waits_at_a_time(report_files):
    portal = signed_in(member_of(ImporterFactory()))
    assert portal.post(APPLY, {"statement": "Nothing", "documents": [pdf()]}).status_code == 302
    response = portal.post(APPLY, {"statement": "Again", "documents": [pdf()]})
    assert response.status_code in (200, 409)
    assert RenewalApplication.objects.count() == 1
    assert len(stored_files(report_files)) == 1


def test_another_importers_application_answers_404():
    mine, theirs = ImporterFactory(), ImporterFactory()
    other = RenewalApplication.objects.create(importer=theirs, statement="Secret plans")
    response = signed_in(member_of(mine)).get(f"/portal/importer/renewal/{other.pk}/")
    assert response.status_code == 404
    assert b"Secret plans" not in response.content


def test_an_organisation_without_an_importer_record_is_told_whom_to_ask():
    membership = new_member(kind="importer", importer=None)
    page = signed_in(membership).get(STATUS).content.decode()
    assert "No vetted importer is linked to your organisation yet" in page


def test_a_message_written_in_the_admin_form_reaches_the_importer_and_the_reason_does_not(client, vetting_officer):
    from .test_vetting import edit_data

    importer = ImporterFactory(legal_name="Message Example LLC", listing_consent=True)
    client.force_login(vetting_officer)
    data = edit_data(
        importer,
        status="suspended",
        status_reason="INTERNAL: seizure 2026-0042",
        message_for_importer="Your status is suspended while we review a shipment. Call your CBP contact.",
    )
    assert client.post(f"/admin/trusted-importers/edit/{importer.pk}/", data).status_code == 302
    importer.refresh_from_db()
    assert importer.listing_consent, "saving the admin form keeps the importer's consent"
    page = signed_in(member_of(importer, role="viewer")).get(STATUS).content.decode()
    assert "Your status is suspended while we review a shipment." in page
    assert "Trusted → Suspended" in page
    assert "INTERNAL" not in page and "seizure" not in page
