"""The conversation with the reporter in real Chromium: an officer asks from the report's page (with a template), an
anonymous reporter answers with a photo from the status page, the officer sees the answer; a reporter who ticked
"Email me when the status changes" gets the status email and one who switched it off does not. axe-core runs on
every new page (status page with the thread, the answer form with an error, the review step's opt-in, the
unsubscribe page, the report page's conversation)."""

import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from reports.models import Report
from tests import browser_support
from tests.browser_support import PHONE, axe_violations
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import RECEIPT_KEY, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "label.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def check_accessible(page, problems, label):
    violations = axe_violations(page)
    if violations:
        problems[label] = violations


def look_up(page, base, number, key=RECEIPT_KEY):
    page.goto(base + "/report/status/")
    page.fill("input[name=tracking_number]", number)
    page.fill("input[name=receipt_key]", key)
    page.get_by_role("button", name="Check status").click()


def test_an_officer_asks_an_anonymous_reporter_answers_with_a_photo_and_the_officer_sees_it(
    page, chromium, live_server, site_tree, photo
):
    problems = {}
    base = live_server.url
    category = ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)
    report = ReportFactory(product_category=category, anonymous=True, description="The charger melted the plug.")
    officer = UserFactory(username="olivia", first_name="Olivia", last_name="Officer", groups=["Triage officers"])

    # The officer picks a template: the question fills in, ready to edit, then goes to the reporter.
    browser_support.sign_in(page, base, officer.username, PASSWORD)
    page.goto(base + reverse("triage:inspect", args=[report.pk]))
    conversation = page.locator("#conversation")
    check_accessible(page, problems, "report page with the conversation")
    conversation.get_by_label("Start from a template (optional)").select_option(label="Photo of the label")
    question = conversation.get_by_label("Question for the reporter")
    assert question.input_value().startswith("Please send a clear photo of the product's label")
    question.fill(question.input_value() + " Thank you!")
    conversation.get_by_role("button", name="Send the question").click()
    page.wait_for_url("**#conversation")
    assert "The report now needs the reporter's information." in page.locator("main").inner_text()
    assert "Thank you!" in page.locator("#conversation").inner_text()
    report.refresh_from_db()
    assert report.status == "needs_info"

    # The anonymous reporter, in a browser of their own, with only the tracking number and the receipt key.
    reporter = chromium.new_context(viewport=PHONE, bypass_csp=True).new_page()
    look_up(reporter, base, report.tracking_number)
    main = reporter.locator("main").inner_text()
    assert "needs your information" in main.lower()  # a USWDS tag, shown in capitals
    assert "Thank you!" in main and "Olivia" not in main
    check_accessible(reporter, problems, "status page with a question")
    reporter.get_by_role("link", name="Answer the question").click()
    reporter.get_by_role("button", name="Send my answer").click()  # empty: the error summary
    assert reporter.locator("#error-summary").is_visible()
    check_accessible(reporter, problems, "answer page with an error")
    reporter.get_by_label("Your answer").fill("Here is the label. It has no UL mark.")
    reporter.locator("input[type=file]").set_input_files(str(photo))
    reporter.get_by_role("button", name="Send my answer").click()
    main = reporter.locator("main").inner_text()
    assert "Thank you. We sent your answer to our staff." in main
    assert "Here is the label. It has no UL mark." in main and "1 file sent" in main
    assert "under review" in main.lower()
    check_accessible(reporter, problems, "status page after answering")
    reporter.context.close()

    # The officer sees the answer, its photo and the marker, on the page and in the queue.
    page.goto(base + reverse("triage:index") + "?reporter_answered=true")
    row = page.locator("tbody tr", has_text=report.tracking_number)
    assert "Reporter answered" in row.inner_text()
    row.get_by_role("link", name=report.tracking_number).click()
    conversation = page.locator("#conversation")
    assert "Here is the label. It has no UL mark." in conversation.inner_text()
    assert "Reporter answered" in conversation.inner_text()
    download_link = conversation.get_by_role("link", name=f"report-{report.tracking_number}-file-1.jpg")
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == f"report-{report.tracking_number}-file-1.jpg"
    assert "The reporter answered (1 file(s))" in page.locator("#timeline").inner_text()
    check_accessible(page, problems, "report page with the answer")
    assert problems == {}


def continue_(page):
    page.get_by_role("button", name="Save and continue").click()


def to_the_review_step(page, base, description="A phone charger. It got very hot and the plug melted."):
    """The report form's steps in the browser, with an email address, up to the review step."""
    page.goto(base + "/report/what-you-bought/")
    page.select_option("#id_product_category", "chargers")
    page.fill("#id_description", description)
    continue_(page)
    page.fill("#id_marketplace", "BargainMart")  # where you bought it
    continue_(page)
    page.locator("label", has_text="price").first.click()  # why you think it is fake
    continue_(page)
    page.locator("label[for='id_harm_1'], label:has-text('No')").first.click()  # harm
    continue_(page)
    continue_(page)  # photos
    page.fill("#id_contact_email", "ana@example.com")
    page.locator("label[for='id_consent']").click()
    continue_(page)


def file_a_report(page, base, updates, description):
    """Send a report with an email address, ticking the status emails or not."""
    to_the_review_step(page, base, description)
    if updates:
        page.locator("label[for='id_updates']").click()  # USWDS draws the box on the label
        assert page.get_by_label("Email me when the status changes").is_checked()
    page.get_by_role("button", name="Send the report").click()
    number = page.locator('[data-testid="tracking-number"]').inner_text().strip()
    key = page.locator('[data-testid="receipt-key"]').inner_text().strip()
    return Report.objects.get(tracking_number=number), key


def change_status(page, base, report, status):
    page.goto(base + reverse("triage:inspect", args=[report.pk]))
    form = page.locator("form", has=page.get_by_role("button", name="Change status", exact=True))
    form.locator("select[name=status]").select_option(status)
    form.get_by_role("button", name="Change status").click()


def test_an_opted_in_reporter_gets_the_status_email_and_an_opted_out_one_does_not(
    page, chromium, live_server, site_tree, settings
):
    problems = {}
    base = live_server.url
    settings.REPORTS_BASE_URL = base
    ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)
    officer = UserFactory(username="olivia", first_name="Olivia", last_name="Officer", groups=["Triage officers"])

    reporter = chromium.new_context(bypass_csp=True).new_page()
    opted_in, _key = file_a_report(reporter, base, True, "A phone charger. It got very hot and the plug melted.")
    reporter.context.clear_cookies()
    opted_out, key = file_a_report(reporter, base, False, "A laptop charger that sparked when plugged in.")
    # The second one switches the emails on at the status page, then off again.
    look_up(reporter, base, opted_out.tracking_number, key)
    check_accessible(reporter, problems, "status page with the updates switch")
    reporter.get_by_role("button", name="Email me when the status changes").click()
    assert "We will email you when the status changes." in reporter.locator("main").inner_text()
    reporter.get_by_role("button", name="Stop the status emails").click()
    assert "We will not email you about status changes." in reporter.locator("main").inner_text()
    mail.outbox.clear()  # the two confirmations

    browser_support.sign_in(page, base, officer.username, PASSWORD)
    change_status(page, base, opted_in, "referred")
    change_status(page, base, opted_out, "referred")
    (email,) = mail.outbox
    assert email.to == ["ana@example.com"] and email.subject == "Your report's status: Referred"
    assert "melted" not in email.body and "Olivia" not in email.body

    # The link in the email stops them, in one click.
    stop = re.findall(r"https?://\S+/updates/stop/\S+", email.body)[0]
    reporter.goto(stop)
    assert "You will get no more emails about this report." in reporter.locator("main").inner_text()
    check_accessible(reporter, problems, "unsubscribe page")
    change_status(page, base, opted_in, "in_review")
    assert len(mail.outbox) == 1
    reporter.context.close()
    assert problems == {}


def test_the_review_step_with_the_opt_in_passes_axe(chromium, live_server, site_tree):
    ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)
    page = chromium.new_context(viewport=PHONE, bypass_csp=True).new_page()
    to_the_review_step(page, live_server.url)
    assert page.get_by_label("Email me when the status changes").is_visible()
    assert axe_violations(page) == []
    page.context.close()
