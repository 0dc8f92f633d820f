"""Status emails the reporter chose: the opt-in on the form's last step and on the status page, an email holding
only the status and a link, one-click unsubscribe (signed link and List-Unsubscribe), and nothing lost while the
mail server is away."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from conversations.models import Notice, Subscription
from conversations.notices import send_pending, unsubscribe_token
from reports.models import Report
from tests.factories import ProductCategoryFactory
from tests.reports.factories import ReportFactory
from tests.reports.test_form import fill_all

from .conftest import action_url, signed_in_to_status

pytestmark = pytest.mark.django_db


def change_status(client, officer, report, status, **extra):
    client.force_login(officer)
    response = client.post(action_url("status", report), {"status": status, **extra})
    assert response.status_code == 302
    client.logout()


def fill_the_form(client, anonymous=False):
    """Go through the report form's steps as a reporter (tests/reports/test_form.py), up to the review page."""
    ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)
    about = {"anonymous": "on", "contact_name": "", "contact_email": ""} if anonymous else {}
    return fill_all(client, **{"about-you": about})


def send(client, review, **extra):
    token = BeautifulSoup(review.content, "html.parser").select_one("input[name=token]")["value"]
    return client.post("/report/review/", {"token": token, **extra})


def test_the_last_step_offers_updates_and_an_opted_in_reporter_gets_status_emails(
    client, officer, django_capture_on_commit_callbacks, settings
):
    settings.REPORTS_BASE_URL = "https://shopsafe.example.gov"
    review = fill_the_form(client)
    assert BeautifulSoup(review.content, "html.parser").select_one("input#id_updates[name=updates]")
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, review, updates="on").status_code == 302
    report = Report.objects.get()
    assert Subscription.objects.get(report=report).active
    mail.outbox.clear()  # the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        change_status(client, officer, report, "referred")
    (email,) = mail.outbox
    assert email.to == ["ana@example.com"]
    assert email.subject == "Your report's status: Referred"
    # Only the status and links: nothing the reporter told us, no officer, the tracking number only inside the link.
    text = re.sub(r"https?://\S+", "", email.subject + email.body).lower()
    for content in ("charger", "melted", "BargainMart", "Volta", report.tracking_number, "Olivia", "Ana"):
        assert content.lower() not in text, content
    links = re.findall(r"https?://\S+", email.body)
    assert links[0] == f"https://shopsafe.example.gov/report/status/?number={report.tracking_number}"
    stop = links[1]
    assert email.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The same status again, or a staff-only change inside the same public status: no email.
    with django_capture_on_commit_callbacks(execute=True):
        change_status(client, officer, report, "referred")
    assert len(mail.outbox) == 1

    # One click on the link stops them.
    page = client.get(stop.removeprefix("https://shopsafe.example.gov"))
    assert page.status_code == 200 and "You will get no more emails about this report." in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(client, officer, report, "closed", closed_reason="actioned", outcome="listing_removed")
    assert len(mail.outbox) == 1


def test_a_reporter_who_did_not_opt_in_gets_no_status_email(client, officer, django_capture_on_commit_callbacks):
    review = fill_the_form(client)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, review)
    report = Report.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(client, officer, report, "referred")
    send_pending()
    assert mail.outbox == [] and not Subscription.objects.exists()


def test_an_anonymous_reporter_is_not_offered_updates(client):
    review = fill_the_form(client, anonymous=True)
    assert BeautifulSoup(review.content, "html.parser").select_one("input[name=updates]") is None
    send(client, review, updates="on")  # sent anyway: nothing to write to
    assert not Subscription.objects.exists()


def test_the_status_page_switches_updates_on_and_off(client, report, officer, django_capture_on_commit_callbacks):
    status_page = signed_in_to_status(client, report)
    soup = BeautifulSoup(client.get(status_page).content, "html.parser")
    assert "Email me when the status changes" in soup.select_one("#updates").text
    url = reverse("conversations:updates", args=[report.tracking_number])
    response = client.post(url, {"updates": "on"})
    assert response["Location"].endswith("?updates=on")
    assert "Stop the status emails" in client.get(response["Location"]).content.decode()
    assert Subscription.objects.get(report=report).last_status == "under_review"

    with django_capture_on_commit_callbacks(execute=True):
        change_status(client, officer, report, "referred")
    assert [email.subject for email in mail.outbox] == ["Your report's status: Referred"]

    signed_in_to_status(client, report)
    response = client.post(url, {"updates": "off"})
    assert response["Location"].endswith("?updates=off")
    with django_capture_on_commit_callbacks(execute=True):
        change_status(client, officer, report, "closed", closed_reason="actioned", outcome="listing_removed")
    assert len(mail.outbox) == 1


def test_the_updates_form_needs_the_status_lookup(client, report):
    response = client.post(reverse("conversations:updates", args=[report.tracking_number]), {"updates": "on"})
    assert response["Location"] == reverse("reports:status")
    assert not Subscription.objects.exists()


def test_one_click_unsubscribe_by_post_and_bad_links(client, report):
    subscription = Subscription.objects.create(report=report, last_status="under_review")
    url = reverse("conversations:stop", args=[unsubscribe_token(subscription)])
    response = client.post(url, {"List-Unsubscribe": "One-Click"})  # a mail client's RFC 8058 POST, no CSRF token
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert not subscription.active and subscription.stopped_at

    other = Subscription.objects.create(report=ReportFactory(), last_status="received")
    tampered = unsubscribe_token(other)[:-2] + "xx"
    for bad in (tampered, "nonsense", "1"):
        response = client.get(reverse("conversations:stop", args=[bad]))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    other.refresh_from_db()
    assert other.active


def test_a_mail_outage_loses_no_notice(client, report, officer, settings, django_capture_on_commit_callbacks):
    Subscription.objects.create(report=report, last_status="under_review")
    settings.EMAIL_BACKEND = "tests.reports.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        change_status(client, officer, report, "referred")
    notice = Notice.objects.get()
    assert (notice.kind, notice.public_status, notice.attempts) == ("status", "referred", 1)
    assert notice.last_error == "ConnectionRefusedError"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    output = io.StringIO()
    call_command("send_reporter_notices", stdout=output)
    assert output.getvalue().strip() == "1 notice(s) sent or settled, 0 waiting for the mail server."
    assert [email.subject for email in mail.outbox] == ["Your report's status: Referred"]
    assert not Notice.objects.exists()


def test_a_refused_address_is_given_up_and_a_failing_server_stops_being_tried(report, settings):
    Subscription.objects.create(report=report, last_status="under_review")
    Report.objects.filter(pk=report.pk).update(status="closed", closed_reason="actioned")

    settings.EMAIL_BACKEND = "tests.reports.broken_mail.RecipientRefusedBackend"
    assert send_pending() == (0, 1)
    notice = Notice.objects.get()
    assert notice.gave_up_at is not None and notice.last_error == "SMTPRecipientsRefused"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending() == (0, 0)  # never tried again, and kept
    assert not mail.outbox and Notice.objects.count() == 1
    output = io.StringIO()
    call_command("send_reporter_notices", stdout=output)
    assert "1 notice(s) given up" in output.getvalue()

    Notice.objects.all().delete()
    Subscription.objects.update(last_status="under_review")
    settings.EMAIL_BACKEND = "tests.reports.broken_mail.BrokenBackend"
    settings.NOTICE_MAX_ATTEMPTS = 3
    assert [send_pending() for _ in range(4)] == [(0, 1), (0, 1), (0, 1), (0, 0)]
    notice = Notice.objects.get()
    assert notice.attempts == 3 and notice.gave_up_at is not None


def test_bulk_status_changes_are_caught_by_the_sweep(report):
    """A status written with a plain UPDATE (bulk jobs) sends no signal: the cron sweep finds it."""
    Subscription.objects.create(report=report, last_status="under_review")
    Report.objects.filter(pk=report.pk).update(status="closed", closed_reason="actioned")
    assert send_pending() == (1, 0)
    assert [email.subject for email in mail.outbox] == ["Your report's status: Closed"]
    assert send_pending() == (0, 0)
