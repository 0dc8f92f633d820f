"""PDFs are rewritten without active content, refused when unreadable, and stored and served under safe names."""

import hypothesis
import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import strategies as st

from reports import pdfs
from reports.models import Attachment, Report
from reports.receipts import hash_receipt_key

from . import pdf_samples
from .conftest import stored_files
from .factories import RECEIPT_KEY, ReportFactory, pdf_bytes
from .test_api import multipart_fields
from .test_form import fill_all, page, send, url

pytestmark = pytest.mark.django_db

UNREADABLE = "We could not open this PDF; it may be damaged. Save or export it again and send the new file."
PASSWORD = (
    "This PDF is protected with a password. Save a copy without a password (for example with “Print to PDF”)"
    " and send that."
)


def pdf_upload(content, name="receipt.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def submit(client, content, path="/api/reports", **upload_options):
    return client.post(path, {**multipart_fields(), "files": [pdf_upload(content, **upload_options)]})


def stored_bytes(attachment):
    with attachment.file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("sample", list(pdf_samples.BUILDERS))
def test_active_content_is_removed_from_pdfs_sent_through_the_api(client, category, sample):
    original = pdf_samples.sample(sample)
    assert pdf_samples.active_content(original)  # the sample really carries what we mean to remove

    response = submit(client, original)
    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get()
    stored = stored_bytes(attachment)
    assert pdf_samples.active_content(stored) == set()
    with pikepdf.open(attachment.file.path) as pdf:
        assert len(pdf.pages) == 1
    assert attachment.rewritten and attachment.removed == pdf_samples.EXPECTED_REMOVED[sample]
    assert attachment.size == len(stored) and stored != original
    for marker in (b"app.alert", b"calc.exe", b"MZ-EMBEDDED-PROGRAM", b"<xdp:xdp>", b"evil.example"):
        assert marker not in stored


def test_the_v1_api_rewrites_pdfs_too(client, category):
    response = submit(client, pdf_samples.sample("everything"), path="/api/v1/reports")
    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get()
    assert pdf_samples.active_content(stored_bytes(attachment)) == set()
    assert attachment.removed == pdf_samples.EXPECTED_REMOVED["everything"]


def test_a_clean_pdf_is_still_rewritten_and_says_nothing_was_removed(client, category, officer):
    assert submit(client, pdf_bytes()).status_code == 201
    attachment = Attachment.objects.get()
    assert attachment.rewritten and attachment.removed == []
    client.force_login(officer)
    text = client.get(reverse("triage:inspect", args=[attachment.report_id])).text
    assert "This PDF was rewritten as a fresh file; it held no scripts, automatic actions or embedded files." in text


def test_an_html_polyglot_named_receipt_html_is_stored_and_served_as_a_clean_pdf(client, category, officer):
    response = submit(client, pdf_samples.polyglot(), name="receipt.html", content_type="text/html")
    assert response.status_code == 201, response.content
    attachment = Attachment.objects.get()
    report = attachment.report
    stored = stored_bytes(attachment)
    assert stored.startswith(b"%PDF-")
    assert b"<script" not in stored and b"<html" not in stored
    assert pdf_samples.active_content(stored) == set()
    assert attachment.file.name.endswith(f"/report-{report.tracking_number}-file-1.pdf")
    assert attachment.original_name == "receipt.html"

    client.force_login(officer)
    text = client.get(reverse("triage:inspect", args=[report.pk])).text
    assert f"report-{report.tracking_number}-file-1.pdf</a>" in text
    assert "Sent as “receipt.html”." in text
    assert "This PDF was rewritten to remove: JavaScript, an action run when the file is opened." in text
    download = client.get(reverse("triage:file", args=[attachment.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="report-{report.tracking_number}-file-1.pdf"'
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert b"".join(download.streaming_content) == stored


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n", UNREADABLE),
        (pdf_samples.truncated(), UNREADABLE),
        (pdf_samples.encrypted(), PASSWORD),
        (
            pdf_bytes(lambda pdf: pdf.pages.remove(p=1)),
            "This PDF has no pages. Save or export it again and send the new file.",
        ),
    ],
    ids=["html-behind-a-pdf-header", "truncated", "encrypted", "no-pages"],
)
@pytest.mark.parametrize("path", ["/api/reports", "/api/v1/reports"])
def test_pdfs_we_cannot_rewrite_are_refused_and_nothing_is_saved(
    client, category, report_files, content, message, path
):
    response = submit(client, content, path=path, name="receipt.html", content_type="text/html")
    assert response.status_code == 400
    assert response.json()["errors"]["files"] == [f"receipt.html: {message}"]
    assert Report.objects.count() == 0 and stored_files(report_files) == []


def test_a_pdf_with_too_many_pages_is_refused(client, category):
    def pages(pdf):
        for _ in range(500):
            pdf.add_blank_page()

    response = submit(client, pdf_bytes(pages))
    assert response.status_code == 400
    assert response.json()["errors"]["files"] == [
        "receipt.pdf: This PDF has more than 500 pages. Send only the pages about this purchase."
    ]


def test_the_form_rewrites_pdfs_and_staff_are_told_what_was_removed(client, category, officer, report_files):
    original = pdf_samples.sample("everything")
    response = client.post(url("photos"), {"files": [pdf_upload(original, name="invoice.pdf")], "action": "upload"})
    assert response.status_code == 302
    (held,) = stored_files(report_files)
    assert held.suffix == ".pdf" and "invoice" not in held.name
    assert pdf_samples.active_content(held.read_bytes()) == set()

    fill_all(client)
    response, _token = send(client)
    assert response["Location"] == "/report/done/"
    attachment = Attachment.objects.get()
    assert pdf_samples.active_content(stored_bytes(attachment)) == set()
    assert attachment.removed == pdf_samples.EXPECTED_REMOVED["everything"]

    client.force_login(officer)
    text = client.get(reverse("triage:inspect", args=[attachment.report_id])).text
    assert (
        "This PDF was rewritten to remove: JavaScript, an action run when the file is opened, automatic actions,"
        " embedded files, an action that starts a program." in text
    )
    assert "Sent as “invoice.pdf”." in text


@pytest.mark.parametrize(("content", "message"), [(pdf_samples.encrypted(), PASSWORD), (b"%PDF-1.7\n", UNREADABLE)])
def test_the_form_explains_a_refused_pdf(client, category, report_files, content, message):
    response = client.post(url("photos"), {"files": [pdf_upload(content, name="scan.pdf")], "action": "upload"})
    assert response.status_code == 200
    assert f"scan.pdf: {message}" in page(response).get_text()
    assert stored_files(report_files) == []


def test_files_added_later_are_numbered_after_the_first_ones(client, category):
    assert submit(client, pdf_bytes()).status_code == 201
    report = Report.objects.get()
    report.receipt_key_hash = hash_receipt_key(RECEIPT_KEY)
    report.save()
    response = client.post(
        f"/api/v1/reports/{report.tracking_number}/additions",
        {"files": [pdf_upload(pdf_samples.sample("launch"))]},
        headers={"X-Receipt-Key": RECEIPT_KEY},
    )
    assert response.status_code == 201, response.content
    second = report.attachments.get(added_later=True)
    assert second.position == 2 and second.file.name.endswith(f"report-{report.tracking_number}-file-2.pdf")
    assert second.removed == pdf_samples.EXPECTED_REMOVED["launch"]
    assert pdf_samples.active_content(stored_bytes(second)) == set()


def test_a_pdf_stored_before_rewriting_is_flagged_to_staff(client, officer, category):
    from django.core.files.base import ContentFile

    report = ReportFactory(product_category=category)
    old = Attachment(report=report, original_name="old.pdf", content_type="application/pdf", size=10, sha256="0")
    old.file.save("0123abcd.pdf", ContentFile(pdf_samples.sample("open_action")), save=False)
    old.save()
    client.force_login(officer)
    text = client.get(reverse("triage:inspect", args=[report.pk])).text
    assert "This PDF was received before PDFs were cleaned and was not rewritten" in text
    download = client.get(reverse("triage:file", args=[old.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="report-{report.tracking_number}-file-1.pdf"'


EVERYTHING = pdf_samples.sample("everything")


@hypothesis.settings(max_examples=80, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow])
@hypothesis.given(
    cut=st.integers(min_value=8, max_value=len(EVERYTHING)),
    flips=st.lists(
        st.tuples(st.integers(min_value=8, max_value=len(EVERYTHING) - 1), st.binary(min_size=1, max_size=4))
    ),
)
def test_damaged_pdfs_are_rewritten_clean_or_refused_never_an_error(cut, flips):
    """Whatever is cut off or overwritten, the answer is a clean one-page PDF or a plain refusal."""
    content = bytearray(EVERYTHING[:cut])
    for position, replacement in flips:
        content[position : position + len(replacement)] = replacement
    try:
        clean, _removed = pdfs.rewrite(bytes(content))
    except pdfs.PdfRefused as refused:
        assert str(refused.message).startswith(("We could not open this PDF", "This PDF "))
        return
    assert pdf_samples.active_content(clean) == set()


def test_a_pdf_with_too_many_objects_to_check_is_refused(client, category):
    def junk(pdf):
        pdf.Root.Junk = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(N=n)) for n in range(pdfs.MAX_OBJECTS)])

    content = pdf_bytes(junk, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    response = submit(client, content)
    assert response.status_code == 400
    assert response.json()["errors"]["files"] == [
        "receipt.pdf: This PDF is too complex for us to check. Print it to a new PDF and send that."
    ]
