from datetime import date

import pytest
from django.core import mail
from django.db import connection

from reports import submission
from reports.attachments import check_file
from reports.choices import Priority, Source, Status
from reports.models import Attachment, Report, ReporterContact
from reports.receipts import (
    RECEIPT_KEY_PATTERN,
    TRACKING_NUMBER_PATTERN,
    check_receipt_key,
    new_tracking_number,
    normalize_receipt_key,
    normalize_tracking_number,
)
from reports.validation import validate_report

from .conftest import stored_files
from .factories import ReportFactory, image_bytes, payload, pdf_bytes

pytestmark = pytest.mark.django_db


def cleaned(**overrides):
    data, errors = validate_report(payload(**overrides))
    assert errors == {}
    return data


def photos(count):
    return [check_file(image_bytes(size=(10 + n, 10)), name=f"photo{n}.jpg") for n in range(count)]


def test_a_report_is_saved_with_its_contact_and_files(category, report_files):
    result = submission.submit_report(
        cleaned(purchase_date=date.today().isoformat()),
        photos(2) + [check_file(pdf_bytes(), "receipt.pdf")],
        source=Source.API,
        client="c1",
    )
    report = result.report
    assert result.created
    assert TRACKING_NUMBER_PATTERN.match(report.tracking_number)
    assert report.status == Status.NEW and report.public_status == "received"
    assert report.priority == Priority.HIGH  # a health-and-safety category, bought recently
    assert report.parcel_tracking_number == "9400 1000 0000 0000 0000 00"
    assert report.contact.email == "ana@example.com"
    assert [a.original_name for a in report.attachments.all()] == ["photo0.jpg", "photo1.jpg", "receipt.pdf"]
    assert len(stored_files(report_files)) == 3
    attachment = report.attachments.first()
    assert attachment.file.name.startswith("reports/") and "photo0" not in attachment.file.name
    assert (report_files / attachment.file.name).read_bytes()[:3] == b"\xff\xd8\xff"


def test_harm_makes_a_report_urgent(category):
    report = submission.submit_report(
        cleaned(harm=True, harm_description="It burned my hand."), [], source=Source.WEB, client="c"
    ).report
    assert report.urgent and report.priority == Priority.URGENT


def test_anonymous_reports_have_no_contact_row(category):
    report = submission.submit_report(cleaned(anonymous=True), [], source=Source.WEB, client="c").report
    assert not ReporterContact.objects.filter(report=report).exists()


def test_the_receipt_key_is_only_stored_hashed(category):
    result = submission.submit_report(cleaned(), [], source=Source.API, client="c")
    key = result.receipt_key
    assert RECEIPT_KEY_PATTERN.match(normalize_receipt_key(key))
    assert check_receipt_key(key, result.report.receipt_key_hash)
    assert check_receipt_key(key.lower().replace("-", " "), result.report.receipt_key_hash)
    assert not check_receipt_key("WRONG-WRONG-WRONG-WRONG", result.report.receipt_key_hash)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reports_report")
        rows = cursor.fetchall()
    dump = repr(rows)
    assert key not in dump and normalize_receipt_key(key) not in dump


def test_tracking_numbers_are_unique_even_when_the_first_guess_is_taken(category, monkeypatch):
    taken = ReportFactory(tracking_number="CF-2345-6789")
    guesses = iter([taken.tracking_number, "CF-ABCD-EFGH"])
    monkeypatch.setattr(submission, "new_tracking_number", lambda: next(guesses))
    report = submission.submit_report(cleaned(), [], source=Source.WEB, client="c").report
    assert report.tracking_number == "CF-ABCD-EFGH"


def test_tracking_number_format():
    numbers = {new_tracking_number() for _ in range(500)}
    assert len(numbers) == 500
    assert all(TRACKING_NUMBER_PATTERN.match(number) for number in numbers)
    assert not any(char in "".join(numbers) for char in "01IOL")
    assert normalize_tracking_number(" cf 2345 6789 ") == "CF-2345-6789"
    assert normalize_tracking_number("CF-0000-0000") == ""


@pytest.mark.parametrize(
    "typed", ["CF-CF2P-52CY", "cf-cf2p-52cy", "CF2P-52CY", "cf2p52cy", "cfcf2p52cy", " cf2p 52cy "]
)
def test_a_number_whose_first_group_starts_with_cf_is_read_however_typed(typed):
    # One number in about a thousand starts its first group with "CF"; typed without the prefix, it is still that number.
    assert normalize_tracking_number(typed) == "CF-CF2P-52CY"


def test_a_failure_mid_save_leaves_nothing_behind(category, report_files, monkeypatch):
    real_store = submission.store_attachment
    calls = []

    def store_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_store(*args, **kwargs)

    monkeypatch.setattr(submission, "store_attachment", store_then_fail)
    with pytest.raises(OSError):
        submission.submit_report(cleaned(), photos(3), source=Source.WEB, client="c")
    assert Report.objects.count() == 0
    assert ReporterContact.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert stored_files(report_files) == []


def test_a_database_failure_after_files_were_written_removes_them(category, report_files, monkeypatch):
    """The third file reaches the disk, then its row fails: all three files go."""
    real_save = Attachment.save
    saves = []

    def save_then_fail(self, *args, **kwargs):
        saves.append(self)
        if len(saves) == 3:
            raise RuntimeError("database went away")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Attachment, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        submission.submit_report(cleaned(), photos(3), source=Source.WEB, client="c")
    assert Report.objects.count() == 0 and Attachment.objects.count() == 0
    assert stored_files(report_files) == []


def test_the_same_report_sent_twice_is_saved_once(category):
    first = submission.submit_report(cleaned(), photos(1), source=Source.API, client="c")
    second = submission.submit_report(cleaned(), photos(1), source=Source.API, client="c")
    assert not second.created and second.receipt_key is None
    assert second.report == first.report
    assert Report.objects.count() == 1
    # Another client, or other content, is a new report.
    assert submission.submit_report(cleaned(), photos(1), source=Source.API, client="d").created
    assert submission.submit_report(cleaned(brand="Other"), photos(1), source=Source.API, client="c").created


def test_idempotency_keys_are_per_client(category):
    first = submission.submit_report(cleaned(), [], source=Source.API, client="c", idempotency_key="k1")
    again = submission.submit_report(cleaned(brand="Changed"), [], source=Source.API, client="c", idempotency_key="k1")
    assert again.report == first.report and not again.created
    other = submission.submit_report(cleaned(brand="Changed"), [], source=Source.API, client="d", idempotency_key="k1")
    assert other.created


def test_the_confirmation_email_is_sent_after_commit_in_the_reporters_language(
    category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = submission.submit_report(cleaned(preferred_language="es"), [], source=Source.WEB, client="c").report
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.com"]
    assert report.tracking_number in message.subject and report.tracking_number in message.body
    assert "http://127.0.0.1:8000/es/report/status/" in message.body


def test_no_email_for_anonymous_reports_or_without_an_address(category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission.submit_report(cleaned(anonymous=True), [], source=Source.WEB, client="a")
        submission.submit_report(cleaned(contact={"name": "Ana"}), [], source=Source.WEB, client="b")
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_lose_the_report(category, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.reports.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        result = submission.submit_report(cleaned(), [], source=Source.WEB, client="c")
    assert result.created
    assert Report.objects.filter(pk=result.report.pk).exists()


def test_the_confirmation_never_contains_the_receipt_key(category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = submission.submit_report(cleaned(), [], source=Source.WEB, client="c")
    assert result.receipt_key not in mail.outbox[0].body
    assert normalize_receipt_key(result.receipt_key) not in mail.outbox[0].body
