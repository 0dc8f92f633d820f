"""The status page shows the conversation and lets the reporter answer with text and files; the receipt key (through
the status lookup) is the only way in, so anonymous reporters can answer too."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conversations import exchange
from conversations.models import Message
from reports.models import Attachment
from tests.reports.factories import image_bytes

from .conftest import signed_in_to_status

pytestmark = pytest.mark.django_db


def answer_url(report):
    return reverse("conversations:answer", args=[report.tracking_number])


def test_the_status_page_shows_the_question_and_needs_your_information(client, anonymous_report, officer):
    exchange.ask(anonymous_report, "Which listing did you buy it from?", user=officer)
    page = client.get(signed_in_to_status(client, anonymous_report))
    soup = BeautifulSoup(page.content, "html.parser")
    assert "Needs your information" in soup.select_one("dl").text
    thread = soup.select_one('[data-testid="conversation"]')
    assert "CBP asked" in thread.text and "Which listing did you buy it from?" in thread.text
    assert "Olivia" not in page.content.decode()  # never an officer's name
    assert soup.find("a", string="Answer the question")["href"] == answer_url(anonymous_report)
    assert soup.select_one("#updates") is None  # anonymous: no email to send updates to


def test_an_anonymous_reporter_answers_with_text_and_a_photo(client, anonymous_report, officer):
    exchange.ask(anonymous_report, "Please send a photo of the label.", user=officer)
    signed_in_to_status(client, anonymous_report)
    form = client.get(answer_url(anonymous_report))
    assert "Please send a photo of the label." in form.content.decode()
    photo = SimpleUploadedFile("IMG_0001.jpg", image_bytes(), content_type="image/jpeg")
    response = client.post(answer_url(anonymous_report), {"text": "Here it is.", "files": [photo]})
    assert response.status_code == 302
    assert response["Location"].endswith("?answered=1")
    page = client.get(response["Location"]).content.decode()
    assert "Thank you. We sent your answer to our staff." in page
    assert "You wrote" in page and "Here it is." in page and "1 file sent" in page
    assert "Under review" in page
    message = Message.objects.get(report=anonymous_report, sender="reporter")
    assert message.attachments.get().original_name == "IMG_0001.jpg"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Write your answer."),
        ({"text": "   "}, "Write your answer."),
        ({"text": "x" * 5001}, "Shorten your answer to 5,000 characters or fewer"),
    ],
)
def test_an_answer_that_does_not_pass_is_shown_again_and_nothing_is_saved(client, report, data, message):
    signed_in_to_status(client, report)
    response = client.post(answer_url(report), data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert message in soup.select_one("#error-summary").text
    assert soup.select_one("#id_text")["aria-invalid"] == "true"
    assert soup.title.text.startswith("Error:")
    assert not Message.objects.exists()


def test_a_file_that_is_not_a_photo_or_pdf_is_refused(client, report):
    signed_in_to_status(client, report)
    fake = SimpleUploadedFile("label.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    response = client.post(answer_url(report), {"text": "Here", "files": [fake]})
    assert response.status_code == 400
    assert "This file is not a photo" in response.content.decode()
    assert not Message.objects.exists() and not Attachment.objects.exists()


def test_without_the_receipt_key_there_is_no_way_in(client, report):
    response = client.get(answer_url(report))
    assert response.status_code == 302 and response["Location"] == reverse("reports:status")
    response = client.post(answer_url(report), {"text": "Let me in"})
    assert response.status_code == 302 and response["Location"] == reverse("reports:status")
    assert not Message.objects.exists()


def test_the_web_answer_counts_against_the_additions_limit(client, report, settings):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "addition": (1, 3600)}
    signed_in_to_status(client, report)
    assert client.post(answer_url(report), {"text": "One"}).status_code == 302
    refused = client.post(answer_url(report), {"text": "Two"})
    assert refused.status_code == 429 and "Retry-After" in refused
    assert Message.objects.count() == 1


def test_a_notice_link_fills_in_the_tracking_number(client, report):
    page = client.get(reverse("reports:status"), {"number": report.tracking_number})
    field = BeautifulSoup(page.content, "html.parser").select_one("#id_tracking_number")
    assert field["value"] == report.tracking_number


def test_spanish_status_page(client, anonymous_report, officer):
    exchange.ask(anonymous_report, "¿Qué anuncio?", user=officer)
    response = client.post(
        "/es/report/status/",
        {"tracking_number": anonymous_report.tracking_number, "receipt_key": "ABCDE-FGHJK-MNPQR-STUVW"},
    )
    page = client.get(response["Location"]).content.decode()
    assert "Necesitamos su información" in page and "Responder a la pregunta" in page
