import os
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from .factories import image_bytes

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
