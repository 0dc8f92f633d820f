"""An officer asks the reporter from the report's page: the report needs information, the reporter (when they left
an email) gets a notice holding only a link, the answer comes back on the report's page, timeline and queue. Officers
never see the reporter's address without the contact permission."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conversations import exchange
from conversations.models import Message, Notice, QuestionTemplate
from reports.models import Report
from tests.factories import UserFactory
from tests.reports.factories import image_bytes

from .conftest import action_url

pytestmark = pytest.mark.django_db

PRIVATE = ("ana.reporter@example.com", "555-0100", "Ana Reporter")


def inspect(client, report):
    response = client.get(reverse("triage:inspect", args=[report.pk]))
    assert response.status_code == 200
    return response.content.decode()


def ask(client, report, **data):
    return client.post(action_url("ask", report), data)


def test_an_officer_asks_and_the_report_needs_the_reporters_information(
    client, report, officer, django_capture_on_commit_callbacks, settings
):
    settings.REPORTS_BASE_URL = "https://shopsafe.example.gov"
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, report, text="Please send a photo of the label.")
    assert response.status_code == 302
    assert response["Location"] == reverse("triage:inspect", args=[report.pk]) + "#conversation"
    report.refresh_from_db()
    assert report.status == "needs_info"
    assert report.public_status == "needs_information"
    message = Message.objects.get(report=report)
    assert (message.sender, message.text, message.author) == ("cbp", "Please send a photo of the label.", officer)

    page = inspect(client, report)
    assert "Please send a photo of the label." in page
    assert "Asked the reporter a question" in page  # the timeline
    ids = [element["id"] for element in BeautifulSoup(page, "html.parser").select("[id]")]
    assert len(ids) == len(set(ids))  # the question form's fields do not clash with the notes form's
    for private in PRIVATE:
        assert private not in page, private

    # The reporter left an email: one notice, sent after the commit, holding no report content.
    (email,) = mail.outbox
    assert email.to == ["ana.reporter@example.com"]
    assert email.subject == "We have a question about your report"
    for content in ("photo of the label", "SecretBrand", "charger", "melted", report.tracking_number, "Olivia"):
        assert content.lower() not in email.subject.lower()
    text = re.sub(r"https?://\S+", "", email.body).lower()  # the link names the report, for the lookup form
    for content in ("photo of the label", "SecretBrand", "charger", "melted", report.tracking_number, "Olivia", "Ana"):
        assert content.lower() not in text, content
    links = re.findall(r"https?://\S+", email.body)
    assert links == [f"https://shopsafe.example.gov/report/status/?number={report.tracking_number}"]
    assert not Notice.objects.exists()  # sent, so no longer waiting


def test_the_notice_is_in_the_reporters_language(client, report, officer, django_capture_on_commit_callbacks):
    Report.objects.filter(pk=report.pk).update(preferred_language="es")
    report.refresh_from_db()
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, report, text="Please send a photo of the label.")
    (email,) = mail.outbox
    assert email.subject == "Tenemos una pregunta sobre su reporte"
    assert "/es/report/status/?number=" in email.body


def test_a_template_picked_and_no_text_sends_the_template_in_the_reporters_language(client, report, officer):
    Report.objects.filter(pk=report.pk).update(preferred_language="es")
    report.refresh_from_db()
    label = QuestionTemplate.objects.get(title="Photo of the label")
    client.force_login(officer)
    page = inspect(client, report)
    picker = BeautifulSoup(page, "html.parser").select_one("select[name=template]")
    assert {option.text for option in picker.select("option")} >= {
        "Photo of the label",
        "Which marketplace listing",
        "Order confirmation",
    }
    assert ask(client, report, template=label.pk, text="").status_code == 302
    assert Message.objects.get(report=report).text == label.text_es


def test_typed_text_wins_over_the_template(client, report, officer):
    label = QuestionTemplate.objects.get(title="Photo of the label")
    client.force_login(officer)
    ask(client, report, template=label.pk, text="Which colour was the box?")
    assert Message.objects.get(report=report).text == "Which colour was the box?"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"text": ""}, "Write a question, or pick a template."),
        ({"text": "   "}, "Write a question, or pick a template."),
        ({"text": "x" * 5001}, "Shorten the question to 5,000 characters or fewer"),
        ({"text": "ok", "template": "999999"}, "Select a valid choice"),
    ],
)
def test_a_question_that_does_not_pass_saves_nothing(client, report, officer, data, error):
    client.force_login(officer)
    response = ask(client, report, **data)
    assert response.status_code == 400
    assert error in response.content.decode()
    report.refresh_from_db()
    assert report.status == "in_review"
    assert not Message.objects.exists() and not Notice.objects.exists()


def test_asking_needs_the_permission(client, report):
    viewer = UserFactory(username="vera")
    viewer.user_permissions.set(
        Permission.objects.filter(codename__in=["access_admin", "view_triagereport", "change_triagereport"])
    )
    client.force_login(viewer)
    page = inspect(client, report)
    assert 'name="template"' not in page  # no question form
    refused = ask(client, report, text="Hello?")
    assert refused.status_code == 403 or refused["Location"] == "/admin/"  # Wagtail's "no permission"
    editor = UserFactory(username="eddie", groups=["Editors"])
    client.force_login(editor)
    assert ask(client, report, text="Hello?").status_code in (302, 403)
    assert not Message.objects.exists()


def test_an_anonymous_reporter_gets_no_email(client, anonymous_report, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client, anonymous_report, text="Which listing?").status_code == 302
    anonymous_report.refresh_from_db()
    assert anonymous_report.public_status == "needs_information"
    assert mail.outbox == [] and not Notice.objects.exists()


def test_the_answer_comes_back_on_the_page_the_timeline_and_the_queue(client, report, officer):
    exchange.ask(report, "Please send a photo of the label.", user=officer)
    photo = SimpleUploadedFile("label.jpg", image_bytes(), content_type="image/jpeg")
    from reports.attachments import check_files

    clean, problems, _too_large = check_files([photo])
    exchange.answer(report, "Here is the label.", clean)

    client.force_login(officer)
    page = inspect(client, report)
    soup = BeautifulSoup(page, "html.parser")
    thread = soup.select_one("#conversation")
    assert "Here is the label." in thread.text
    assert thread.select_one('[data-testid="reporter-answered"]').text == "Reporter answered"
    (link,) = thread.select("a[download]")
    assert link.text == f"report-{report.tracking_number}-file-1.jpg"
    assert client.get(link["href"]).status_code == 200
    assert "The reporter answered (1 file(s))" in soup.select_one("#timeline").text
    for private in PRIVATE:
        assert private not in page, private

    queue = client.get(reverse("triage:index"))
    rows = BeautifulSoup(queue.content, "html.parser").select("tbody tr")
    (row,) = [row for row in rows if report.tracking_number in row.text]
    assert "Reporter answered" in row.text
    answered = client.get(reverse("triage:index"), {"reporter_answered": "true"}).content.decode()
    not_answered = client.get(reverse("triage:index"), {"reporter_answered": "false"}).content.decode()
    assert report.tracking_number in answered and report.tracking_number not in not_answered

    assert client.post(action_url("answer_read", report)).status_code == 302
    assert (
        "Reporter answered"
        not in BeautifulSoup(inspect(client, report), "html.parser").select_one("#conversation").text
    )
    answered = client.get(reverse("triage:index"), {"reporter_answered": "true"}).content.decode()
    assert report.tracking_number not in answered


def test_the_contact_viewer_still_sees_the_address_only_behind_the_button(client, report, contact_viewer):
    exchange.ask(report, "Which listing?", user=contact_viewer)
    client.force_login(contact_viewer)
    page = inspect(client, report)
    assert "Show contact details" in page
    for private in PRIVATE:
        assert private not in page, private
