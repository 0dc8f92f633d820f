"""Filing a report in real Chromium: every step, a photo, the tracking number, then the status page.
Every step passes axe-core, including with validation errors shown."""

import io
import re

import pytest
from PIL import Image

from tests.browser_support import PHONE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "charger.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def continue_(page):
    page.get_by_role("button", name="Save and continue").click()


def check_accessible(page, problems, label):
    violations = axe_violations(page)
    if violations:
        problems[label] = violations


def test_file_a_report_with_a_photo_and_check_its_status(page, demo_site, photo, report_files):
    problems = {}
    page.set_viewport_size(PHONE)
    page.goto(demo_site + "/report/")
    check_accessible(page, problems, "start")
    page.locator("main a.usa-button").first.click()

    # 1. What you bought: first with a mistake, to see the error summary.
    assert page.locator(".usa-step-indicator").is_visible()
    continue_(page)
    assert page.locator("#error-summary").is_visible()
    check_accessible(page, problems, "step 1 with errors")
    page.locator("#error-summary a").first.click()
    page.select_option("#id_product_category", "chargers-batteries")
    page.fill("#id_description", "A phone charger. It got very hot and the plug melted.")
    page.fill("#id_price_paid", "12.99")
    continue_(page)

    # 2. Where you bought it.
    check_accessible(page, problems, "step 2")
    page.fill("#id_marketplace", "BargainMart")
    page.fill("#id_listing_url", "https://bargainmart.example/listing/123")
    page.select_option("#id_shipped_from_country", "CN")
    continue_(page)

    # 3. Why, 4. harm.
    check_accessible(page, problems, "step 3")
    page.locator("label", has_text="price").first.click()
    continue_(page)
    check_accessible(page, problems, "step 4")
    assert "911" in page.locator("main").inner_text()
    page.locator("label[for='id_harm_1'], label:has-text('No')").first.click()
    continue_(page)

    # 5. Photos: the picker opens the camera on a phone.
    check_accessible(page, problems, "step 5")
    picker = page.locator("input[type=file]")
    assert "image/jpeg" in picker.get_attribute("accept")
    assert picker.get_attribute("capture") is not None
    picker.set_input_files(str(photo))
    page.get_by_role("button", name="Add these files").click()
    assert "charger.jpg" in page.locator("main").inner_text()
    continue_(page)

    # 6. About you, 7. review.
    check_accessible(page, problems, "step 6")
    page.fill("#id_contact_email", "ana@example.com")
    page.locator("label[for='id_consent']").click()
    continue_(page)
    check_accessible(page, problems, "review")
    review = page.locator("main").inner_text()
    assert "BargainMart" in review and "charger.jpg" in review
    page.get_by_role("button", name="Send the report").click()

    number = page.locator('[data-testid="tracking-number"]').inner_text().strip()
    key = page.locator('[data-testid="receipt-key"]').inner_text().strip()
    assert re.fullmatch(r"CF-[A-Z0-9]{4}-[A-Z0-9]{4}", number)
    check_accessible(page, problems, "confirmation")

    page.goto(demo_site + "/report/status/")
    check_accessible(page, problems, "status lookup")
    page.fill("input[name=tracking_number]", number)
    page.fill("input[name=receipt_key]", key)
    page.get_by_role("button", name="Check status").click()
    status = page.locator("main").inner_text()
    assert "received" in status.lower()
    assert "ana@example.com" not in status
    check_accessible(page, problems, "status detail")

    assert problems == {}


def test_the_report_form_works_in_spanish(page, demo_site):
    page.goto(demo_site + "/es/report/")
    assert page.get_attribute("html", "lang") == "es"
    assert axe_violations(page) == []
