import os
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.models import Attachment

from .factories import image_bytes, pdf_bytes
from .test_api import multipart_fields

pytestmark = pytest.mark.django_db


def test_purging_abandoned_uploads(client, category, report_files):
    photo = SimpleUploadedFile("a.png", image_bytes("PNG"), content_type="image/png")
    client.post("/report/photos/", {"files": [photo], "action": "upload"})
    (held,) = [path for path in report_files.rglob("*") if path.is_file()]
    out = StringIO()
    call_command("purge_report_uploads", stdout=out)
    assert held.exists()
    old = time.time() - 2 * 86400
    os.utime(held, (old, old))
    call_command("purge_report_uploads", stdout=out)
    assert not held.exists() and not held.parent.exists()
    assert "Deleted 1 held file(s)" in out.getvalue()


def _write(path, age_seconds=0):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7 half written")
    if age_seconds:
        when = time.time() - age_seconds
        os.utime(path, (when, when))
    return path


def test_files_without_a_row_are_found_anywhere_and_deleted_after_an_hour(client, category, report_files):
    response = client.post(
        "/api/reports",
        {**multipart_fields(), "files": [SimpleUploadedFile("r.pdf", pdf_bytes(), content_type="application/pdf")]},
    )
    assert response.status_code == 201
    kept_with_row = report_files / Attachment.objects.get().file.name
    old = 2 * 3600
    when = time.time() - 30 * 86400
    os.utime(kept_with_row, (when, when))
    killed_mid_save = _write(report_files / "reports/2026/11/report-CF-AAAA-BBBB-file-1.pdf", old)
    deep_stray = _write(report_files / "reports/2025/01/lost/and/found.bin", old)
    stray_at_root = _write(report_files / "stray.jpg", old)
    being_saved_now = _write(report_files / "reports/2026/11/report-CF-CCCC-DDDD-file-1.pdf")
    recent_draft = _write(report_files / "tmp/draft1/held.png", old)
    old_draft = _write(report_files / "tmp/draft2/held.png", 2 * 86400)

    out = StringIO()
    call_command("purge_report_uploads", "--dry-run", stdout=out)
    assert all(path.exists() for path in (killed_mid_save, deep_stray, stray_at_root, old_draft))
    assert "Would delete reports/2026/11/report-CF-AAAA-BBBB-file-1.pdf (no report points to it, 2.0 hours old)" in (
        out.getvalue()
    )
    assert "Would delete 1 held file(s) older than 24 hours and 3 file(s) without a report" in out.getvalue()

    out = StringIO()
    call_command("purge_report_uploads", stdout=out)
    assert not any(path.exists() for path in (killed_mid_save, deep_stray, stray_at_root, old_draft))
    assert all(path.exists() for path in (kept_with_row, being_saved_now, recent_draft))
    assert not (report_files / "reports/2025").exists() and not (report_files / "tmp/draft2").exists()
    assert "Deleted reports/2025/01/lost/and/found.bin (no report points to it" in out.getvalue()
    assert "Deleted 1 held file(s) older than 24 hours and 3 file(s) without a report older than 60 minutes" in (
        out.getvalue()
    )
    assert "3 file(s) kept" in out.getvalue()


def test_the_purge_refuses_a_folder_that_holds_the_site(settings):
    settings.REPORT_FILES_ROOT = settings.BASE_DIR
    with pytest.raises(CommandError, match="refusing to purge"):
        call_command("purge_report_uploads", stdout=StringIO())
