"""When the report-files folder cannot be written: 503 with a plain message, and nothing half-saved.

Tests run as root, so a read-only folder would still be writable; the folder is put below a regular file
instead, which no user can write into.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.models import Attachment, Report, ReporterAddition
from reports.receipts import hash_receipt_key

from .conftest import stored_files
from .factories import RECEIPT_KEY, ReportFactory, image_bytes, pdf_bytes
from .test_api import multipart_fields
from .test_form import fill_all, page, send, url
from .test_status_page import look_up

pytestmark = pytest.mark.django_db

MESSAGE = (
    "We cannot save files right now because of a problem on our side. Nothing was saved. Try again in a few"
    " minutes, or send the report without files and add them later from the status page."
)


@pytest.fixture
def unwritable(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("a regular file, not a folder")
    settings.REPORT_FILES_ROOT = blocker / "report-files"
    return blocker


def photos():
    return [
        SimpleUploadedFile("a.png", image_bytes("PNG"), content_type="image/png"),
        SimpleUploadedFile("b.pdf", pdf_bytes(), content_type="application/pdf"),
    ]


def assert_nothing_written(blocker):
    assert blocker.is_file() and blocker.read_text() == "a regular file, not a folder"
    assert [path for path in blocker.parent.rglob("*") if path != blocker] == []


@pytest.mark.parametrize("path", ["/api/reports", "/api/v1/reports"])
def test_the_api_answers_503_and_saves_no_report(client, category, unwritable, path):
    response = client.post(path, {**multipart_fields(), "files": photos()})
    assert response.status_code == 503
    assert response.json() == {"error": MESSAGE}
    assert int(response["Retry-After"]) > 0
    assert Report.objects.count() == 0 and Attachment.objects.count() == 0
    assert_nothing_written(unwritable)


def test_a_report_without_files_does_not_need_the_folder(client, category, unwritable):
    response = client.post("/api/reports", multipart_fields())
    assert response.status_code == 201
    assert Report.objects.count() == 1


@pytest.mark.parametrize("path", ["/api/reports", "/api/v1/reports"])
def test_additions_answer_503_and_save_nothing(client, unwritable, path):
    report = ReportFactory(receipt_key_hash=hash_receipt_key(RECEIPT_KEY))
    response = client.post(
        f"{path}/{report.tracking_number}/additions",
        {"text": "Another photo", "files": photos()},
        headers={"X-Receipt-Key": RECEIPT_KEY},
    )
    assert response.status_code == 503
    assert response.json() == {"error": MESSAGE}
    assert int(response["Retry-After"]) > 0
    assert ReporterAddition.objects.count() == 0 and Attachment.objects.count() == 0
    report.refresh_from_db()
    assert report.last_addition_at is None
    assert_nothing_written(unwritable)


def test_the_photo_step_explains_and_holds_nothing(client, category, unwritable):
    response = client.post(url("photos"), {"files": photos(), "action": "upload"})
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert MESSAGE in page(response).get_text()
    assert_nothing_written(unwritable)
    # The reporter can go on without files: the report is saved.
    fill_all(client)
    response, _token = send(client)
    assert response["Location"] == "/report/done/"
    assert Report.objects.get().attachments.count() == 0


def test_sending_the_form_when_files_cannot_be_written_keeps_the_draft(client, category, report_files):
    assert client.post(url("photos"), {"files": photos(), "action": "upload"}).status_code == 302
    held = stored_files(report_files)
    assert len(held) == 2
    (report_files / "reports").write_text("in the way of the reports/ folder")

    fill_all(client)
    response, _token = send(client)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert MESSAGE in page(response).get_text()
    assert Report.objects.count() == 0 and Attachment.objects.count() == 0
    assert set(stored_files(report_files)) == {*held, report_files / "reports"}

    (report_files / "reports").unlink()
    response, _token = send(client)
    assert response["Location"] == "/report/done/"
    assert Report.objects.get().attachments.count() == 2


def test_the_status_page_explains_and_saves_nothing(client, unwritable):
    report = ReportFactory()
    look_up(client, report.tracking_number)
    response = client.post(f"/report/status/{report.tracking_number}/", {"text": "More", "files": photos()})
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert MESSAGE in page(response).get_text()
    assert ReporterAddition.objects.count() == 0
    assert_nothing_written(unwritable)
