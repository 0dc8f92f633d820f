"""POST /api/reports/{tracking_number}/messages and the status answer's needs_information and messages (report-api.md):
valid, invalid and absent input, the same 404 for a wrong key and an unknown number, the additions' rate limit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conversations import exchange
from conversations.models import Message
from reports.models import Attachment
from tests.reports.factories import RECEIPT_KEY, image_bytes

pytestmark = pytest.mark.django_db

PREFIXES = ["/api/reports", "/api/v1/reports"]


def post_message(client, report, prefix="/api/reports", key=RECEIPT_KEY, **kwargs):
    kwargs.setdefault("content_type", "application/json")
    if kwargs["content_type"] is None:  # multipart, as the test client builds it
        del kwargs["content_type"]
    return client.post(f"{prefix}/{report.tracking_number}/messages", headers={"X-Receipt-Key": key}, **kwargs)


def status(client, report, prefix="/api/reports"):
    response = client.get(f"{prefix}/{report.tracking_number}/status", headers={"X-Receipt-Key": RECEIPT_KEY})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_question_shows_in_the_status_answer_and_the_reporter_answers_it(client, report, officer, prefix):
    exchange.ask(report, "Please send a photo of the label.", user=officer)
    body = status(client, report, prefix)
    assert body["status"] == "needs_information"
    assert body["status_label"] == "Needs your information"
    assert body["needs_information"] is True
    assert [(m["from"], m["text"], m["files"]) for m in body["messages"]] == [
        ("cbp", "Please send a photo of the label.", 0)
    ]
    assert "Olivia" not in str(body)  # the reporter sees "cbp", never an officer's name

    response = post_message(client, report, prefix, data={"text": "  It says Volta 65W, no UL mark.  "})
    assert response.status_code == 201, response.content
    assert set(response.json()) == {"sent_at"}
    body = status(client, report, prefix)
    assert body["needs_information"] is False
    assert body["status"] == "under_review"
    assert [(m["from"], m["text"]) for m in body["messages"]] == [
        ("cbp", "Please send a photo of the label."),
        ("reporter", "It says Volta 65W, no UL mark."),
    ]
    assert body["messages"][1]["sent_at"] == response.json()["sent_at"]


def test_multipart_with_files_stores_them_as_the_reports_cleaned_files(client, report):
    photo = SimpleUploadedFile("label.jpg", image_bytes(), content_type="image/jpeg")
    pdf_named_html = SimpleUploadedFile("order.html", b"%PDF-1.4 not really", content_type="text/html")
    response = post_message(
        client, report, content_type=None, data={"text": "The label and the order.", "files": [photo]}
    )
    assert response.status_code == 201, response.content
    message = Message.objects.get(report=report, sender="reporter")
    (attachment,) = message.attachments.all()
    assert attachment.report == report and attachment.added_later
    assert attachment.download_name() == f"report-{report.tracking_number}-file-1.jpg"
    assert status(client, report)["messages"][0]["files"] == 1

    refused = post_message(client, report, content_type=None, data={"text": "Another", "files": [pdf_named_html]})
    assert refused.status_code == 400
    assert "files" in refused.json()["errors"]
    assert Message.objects.filter(report=report).count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": 12}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"text": "bell \x07"}, "text"),
    ],
)
def test_invalid_or_absent_text_is_refused_and_nothing_saved(client, report, data, field):
    response = post_message(client, report, data=data)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Message.objects.exists()


def test_the_longest_text_is_accepted(client, report):
    assert post_message(client, report, data={"text": "x" * 5000}).status_code == 201


def test_broken_json_and_other_content_types(client, report):
    assert post_message(client, report, data="{not json").status_code == 400
    assert post_message(client, report, data="[]").status_code == 400
    assert post_message(client, report, data="text=hi", content_type="text/plain").status_code == 415
    assert not Message.objects.exists()


def test_too_many_files_and_too_large_files(client, report, settings):
    files = [SimpleUploadedFile(f"p{n}.jpg", image_bytes(), content_type="image/jpeg") for n in range(6)]
    response = post_message(client, report, content_type=None, data={"text": "Six photos", "files": files})
    assert response.status_code == 400 and "files" in response.json()["errors"]
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024), content_type="image/jpeg")
    response = post_message(client, report, content_type=None, data={"text": "Big", "files": [big]})
    assert response.status_code == 413
    assert not Message.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_wrong_key_missing_key_and_unknown_number_give_the_same_404(client, report, prefix):
    wrong = post_message(client, report, prefix, key="ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ", data={"text": "Hello"})
    missing = client.post(
        f"{prefix}/{report.tracking_number}/messages", data={"text": "Hello"}, content_type="application/json"
    )
    unknown = client.post(
        f"{prefix}/CF-9999-9999/messages",
        data={"text": "Hello"},
        content_type="application/json",
        headers={"X-Receipt-Key": RECEIPT_KEY},
    )
    assert wrong.status_code == missing.status_code == unknown.status_code == 404
    assert wrong.json() == missing.json() == unknown.json()
    assert not Message.objects.exists()


def test_get_is_not_allowed(client, report):
    response = client.get(f"/api/reports/{report.tracking_number}/messages", headers={"X-Receipt-Key": RECEIPT_KEY})
    assert response.status_code == 405 and response["Allow"] == "POST"


def test_messages_are_rate_limited_like_additions(client, report, settings):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "addition": (2, 3600)}
    assert post_message(client, report, data={"text": "One"}).status_code == 201
    assert post_message(client, report, data={"text": "Two"}).status_code == 201
    refused = post_message(client, report, data={"text": "Three"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert Message.objects.count() == 2


def test_answers_are_never_stored_by_caches(client, report):
    response = post_message(client, report, data={"text": "Hello"})
    assert "no-store" in response["Cache-Control"]
