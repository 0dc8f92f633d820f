"""The API answers exactly as shared/report-api.md says."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.models import Attachment, Report, ReporterAddition
from reports.receipts import normalize_receipt_key

from .conftest import stored_files
from .factories import RECEIPT_KEY, ReportFactory, image_bytes, jpeg_with_gps, multipart_fields, payload, pdf_bytes

pytestmark = pytest.mark.django_db

NOT_FOUND = {"error": "We could not find a report with that tracking number and receipt key."}


def post_json(client, data, **headers):
    body = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.post("/api/reports", body, content_type="application/json", headers=headers)


def test_201_with_tracking_number_and_receipt_key(client, category):
    response = post_json(client, payload())
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"tracking_number", "receipt_key", "status_url"}
    assert body["status_url"] == "/report/status/"
    report = Report.objects.get(tracking_number=body["tracking_number"])
    assert report.source == "api"
    assert normalize_receipt_key(body["receipt_key"]) not in report.receipt_key_hash


def test_the_status_url_follows_the_preferred_language(client, category):
    assert post_json(client, payload(preferred_language="es")).json()["status_url"] == "/es/report/status/"


def test_400_lists_every_problem(client, category):
    response = post_json(client, payload(description="", price_paid="abc", consent=False))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"description", "price_paid", "consent"}
    assert all(isinstance(messages, list) and messages for messages in errors.values())
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [("{not json", "body"), ('["a list"]', "body"), ("42", "body"), ("null", "body"), (b"\xff\xfe", "body")],
)
def test_malformed_json_is_a_400_not_a_500(client, body, field):
    response = post_json(client, body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_unknown_fields_are_ignored(client, category):
    response = post_json(client, payload(status="closed", priority="urgent", admin=True))
    assert response.status_code == 201
    report = Report.objects.get()
    assert report.status == "new" and report.priority != "urgent"


def test_control_characters_are_rejected(client, category):
    response = post_json(client, payload(seller_name="evil\x07seller"))
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "seller_name": ["Remove the special (control) characters from the seller's name."]
    }


@pytest.mark.parametrize("path", ["/api/reports", "/api/v1/reports"])
def test_a_lone_surrogate_is_a_400_not_a_500(client, category, path):
    body = json.dumps(payload()).replace("The charger", "\\ud800 The charger")
    response = client.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert "not valid Unicode" in response.json()["errors"]["body"][0]
    assert not Report.objects.exists()


def test_415_for_other_content_types(client, category):
    for content_type in ("text/plain", "application/xml", "application/x-www-form-urlencoded"):
        response = client.post("/api/reports", "description=x", content_type=content_type)
        assert response.status_code == 415, content_type
        assert "error" in response.json()


def test_413_for_a_body_that_is_too_large(client, settings, category):
    settings.REPORT_MAX_REQUEST_BYTES = 1000
    response = post_json(client, payload(description="x" * 2000))
    assert response.status_code == 413
    assert "too large" in response.json()["error"]


def test_413_for_a_file_that_is_too_large(client, category):
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = client.post("/api/reports", {**multipart_fields(), "files": [big]})
    assert response.status_code == 413
    assert response.json()["errors"]["files"] == [
        "big.pdf: This file is larger than 10 MB. Send a smaller photo or a shorter PDF."
    ]


def test_405_with_json_for_other_methods(client):
    for method in ("get", "put", "delete"):
        response = getattr(client, method)("/api/reports")
        assert response.status_code == 405
        assert response["Allow"] == "POST"
        assert "error" in response.json()


def test_429_after_too_many_submissions(client, settings, category):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "submit": (2, 3600)}
    assert post_json(client, payload(brand="a")).status_code == 201
    assert post_json(client, payload(brand="b")).status_code == 201
    response = post_json(client, payload(brand="c"))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "too many times" in response.json()["error"]
    # Another client is not held back.
    assert post_json(client, payload(brand="d"), **{"X-Forwarded-For": "1.2.3.4"}).status_code == 429
    assert (
        client.post(
            "/api/reports", json.dumps(payload(brand="e")), content_type="application/json", REMOTE_ADDR="10.9.8.7"
        ).status_code
        == 201
    )


def test_x_forwarded_for_is_used_only_when_a_proxy_is_trusted(client, settings, category):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "submit": (1, 3600)}
    settings.REPORTS_TRUSTED_PROXY_COUNT = 1
    assert post_json(client, payload(brand="a"), **{"X-Forwarded-For": "1.1.1.1"}).status_code == 201
    assert post_json(client, payload(brand="b"), **{"X-Forwarded-For": "1.1.1.1"}).status_code == 429
    assert post_json(client, payload(brand="c"), **{"X-Forwarded-For": "2.2.2.2"}).status_code == 201


def test_the_same_report_twice_returns_the_first_without_the_key(client, category):
    first = post_json(client, payload())
    second = post_json(client, payload())
    assert second.status_code == 200
    body = second.json()
    assert body["tracking_number"] == first.json()["tracking_number"]
    assert body["duplicate"] is True and "receipt_key" not in body
    assert Report.objects.count() == 1


def test_idempotency_key(client, category):
    first = post_json(client, payload(), **{"Idempotency-Key": "abc-123"})
    retry = post_json(client, payload(brand="edited"), **{"Idempotency-Key": "abc-123"})
    assert retry.status_code == 200
    assert retry.json()["tracking_number"] == first.json()["tracking_number"]
    assert Report.objects.count() == 1
    assert post_json(client, payload(brand="edited"), **{"Idempotency-Key": "other"}).status_code == 201


def test_multipart_with_files(client, category, report_files):
    files = [
        SimpleUploadedFile("gps.jpg", jpeg_with_gps(), content_type="image/jpeg"),
        SimpleUploadedFile("receipt.pdf", pdf_bytes(), content_type="application/pdf"),
    ]
    response = client.post("/api/reports", {**multipart_fields(), "files": files})
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert report.reasons == ["price_too_low", "no_safety_marks"]
    assert report.contact.email == "ana@example.com"
    assert report.still_have_item is True
    assert sorted(a.content_type for a in report.attachments.all()) == ["application/pdf", "image/jpeg"]
    assert len(stored_files(report_files)) == 2


def test_multipart_contact_as_json_and_reasons_as_a_json_list(client, category):
    fields = multipart_fields()
    fields = {key: value for key, value in fields.items() if not key.startswith("contact.")}
    fields["contact"] = json.dumps({"email": "bo@example.com"})
    fields["reasons"] = '["packaging"]'
    assert client.post("/api/reports", fields).status_code == 201
    report = Report.objects.get()
    assert (report.contact.email, report.reasons) == ("bo@example.com", ["packaging"])


def test_six_files_are_refused(client, category, report_files):
    files = [SimpleUploadedFile(f"{n}.png", image_bytes("PNG"), content_type="image/png") for n in range(6)]
    response = client.post("/api/reports", {**multipart_fields(), "files": files})
    assert response.status_code == 400
    assert response.json()["errors"]["files"] == ["Send at most 5 files; you chose 6."]
    assert Report.objects.count() == 0 and stored_files(report_files) == []


def test_a_disguised_file_is_refused_and_nothing_is_saved(client, category, report_files):
    files = [SimpleUploadedFile("cute-cat.jpg", b"MZ\x90\x00 program", content_type="image/jpeg")]
    response = client.post("/api/reports", {**multipart_fields(), "files": files})
    assert response.status_code == 400
    assert response.json()["errors"]["files"] == [
        "cute-cat.jpg: This file is not a photo (JPEG, PNG, WebP, HEIC) or a PDF."
    ]
    assert Report.objects.count() == 0 and stored_files(report_files) == []


def test_a_mail_server_that_raises_does_not_lose_the_report(
    client, settings, category, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.reports.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, payload())
    assert response.status_code == 201
    assert Report.objects.filter(tracking_number=response.json()["tracking_number"]).exists()


# Status


def test_status_with_the_right_key(client):
    report = ReportFactory(status="in_review")
    response = client.get(f"/api/reports/{report.tracking_number}/status", headers={"X-Receipt-Key": RECEIPT_KEY})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "tracking_number",
        "status",
        "status_label",
        "submitted_at",
        "updated_at",
        "needs_information",
        "messages",
        "outcome",
    }
    assert (body["status"], body["status_label"], body["outcome"]) == ("under_review", "Under review", None)
    assert (body["needs_information"], body["messages"]) == (False, [])


def test_status_accepts_keys_and_numbers_as_people_type_them(client):
    report = ReportFactory()
    number = report.tracking_number.lower().replace("-", "")
    key = RECEIPT_KEY.lower().replace("-", "")
    assert client.get(f"/api/reports/{number}/status", headers={"X-Receipt-Key": key}).status_code == 200


def test_wrong_key_missing_key_and_unknown_number_are_the_same_404(client):
    report = ReportFactory()
    answers = [
        client.get(
            f"/api/reports/{report.tracking_number}/status", headers={"X-Receipt-Key": "WRONG-KEY00-00000-00000"}
        ),
        client.get(f"/api/reports/{report.tracking_number}/status"),
        client.get("/api/reports/CF-2222-2222/status", headers={"X-Receipt-Key": RECEIPT_KEY}),
        client.get("/api/reports/nonsense/status", headers={"X-Receipt-Key": RECEIPT_KEY}),
    ]
    assert [answer.status_code for answer in answers] == [404] * 4
    assert len({answer.content for answer in answers}) == 1
    assert answers[0].json() == NOT_FOUND


def test_failed_lookups_are_rate_limited(client, settings):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "status_failure": (3, 600)}
    report = ReportFactory()
    for _ in range(3):
        assert (
            client.get(f"/api/reports/{report.tracking_number}/status", headers={"X-Receipt-Key": "x"}).status_code
            == 404
        )
    response = client.get(f"/api/reports/{report.tracking_number}/status", headers={"X-Receipt-Key": RECEIPT_KEY})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_all_lookups_are_rate_limited(client, settings):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "status": (2, 600)}
    report = ReportFactory()
    url = f"/api/reports/{report.tracking_number}/status"
    assert [client.get(url, headers={"X-Receipt-Key": RECEIPT_KEY}).status_code for _ in range(3)] == [200, 200, 429]


def test_status_405(client):
    assert client.post("/api/reports/CF-2222-2222/status").status_code == 405


# Additions


def test_adding_text_and_files(client, report_files):
    report = ReportFactory()
    photo = SimpleUploadedFile("more.png", image_bytes("PNG"), content_type="image/png")
    response = client.post(
        f"/api/reports/{report.tracking_number}/additions",
        {"text": "The seller has a new shop name.", "files": [photo]},
        headers={"X-Receipt-Key": RECEIPT_KEY},
    )
    assert response.status_code == 201, response.content
    assert response.json()["files_added"] == 1
    addition = ReporterAddition.objects.get(report=report)
    assert addition.text == "The seller has a new shop name."
    attachment = Attachment.objects.get(report=report)
    assert attachment.added_later and attachment.addition == addition
    report.refresh_from_db()
    assert report.last_addition_at is not None


def test_adding_json_text(client):
    report = ReportFactory()
    response = client.post(
        f"/api/reports/{report.tracking_number}/additions",
        json.dumps({"text": "One more thing."}),
        content_type="application/json",
        headers={"X-Receipt-Key": RECEIPT_KEY},
    )
    assert response.status_code == 201


def test_adding_nothing_or_with_a_wrong_key(client):
    report = ReportFactory()
    url = f"/api/reports/{report.tracking_number}/additions"
    empty = client.post(
        url, json.dumps({"text": "  "}), content_type="application/json", headers={"X-Receipt-Key": RECEIPT_KEY}
    )
    assert empty.status_code == 400
    assert empty.json() == {"errors": {"text": ["Add some text or at least one file."]}}
    wrong = client.post(
        url, json.dumps({"text": "hi"}), content_type="application/json", headers={"X-Receipt-Key": "no"}
    )
    assert wrong.status_code == 404 and wrong.json() == NOT_FOUND
    assert ReporterAddition.objects.count() == 0


@pytest.mark.parametrize("value", [None, 0, 1.5, True, [], {}, ["x"], {"a": 1}, "x" * 6000, "\x00", "😀"])
def test_any_json_value_in_any_field_is_answered_without_a_500(client, category, settings, value):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "submit": (1000, 3600)}
    fields = list(payload()) + ["text", "files"]
    codes = set()
    for field in fields:
        data = payload(brand=f"{field}-{value!r}"[:150])
        data[field] = value
        codes.add(post_json(client, data).status_code)
        if field == "contact":
            codes.add(post_json(client, payload(contact={"email": value, "name": value})).status_code)
    assert codes <= {200, 201, 400}
