"""The linking details on the report form, the next steps after sending, and an assisted report, in real Chromium.
The changed steps, with their errors shown, the confirmation and the staff pages pass axe-core."""

import re

import pytest

from tests.browser_support import PHONE, axe_violations, sign_in_without_the_form
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def continue_(page):
    page.get_by_role("button", name="Save and continue").click()


def check_accessible(page, problems, label):
    violations = axe_violations(page)
    if violations:
        problems[label] = violations


def test_the_details_and_the_next_steps_that_fit(page, demo_site):
    problems = {}
    page.set_viewport_size(PHONE)
    page.goto(demo_site + "/report/what-you-bought/")

    # 1. What you bought: the product numbers are folded away until opened.
    assert not page.locator("#id_upc").is_visible()
    page.get_by_text("Numbers on the product or its box (optional)").click()
    assert page.locator("#id_upc").is_visible()
    check_accessible(page, problems, "step 1, numbers open")
    page.select_option("#id_product_category", "chargers-batteries")
    page.fill("#id_description", "A phone charger. It got very hot and the plug melted.")
    page.fill("#id_price_paid", "12.99")
    page.select_option("#id_payment_method", "card")
    page.fill("#id_amount_refunded", "20")
    page.fill("#id_upc", "0 36000 29145 3")
    continue_(page)
    # Both mistakes at once, the fold open on the barcode's error.
    summary = page.locator("#error-summary").inner_text()
    assert "more than the price you paid" in summary and "last digit should be 2" in summary
    assert page.locator("#id_upc").is_visible()
    check_accessible(page, problems, "step 1 with errors")
    page.fill("#id_amount_refunded", "5")
    page.fill("#id_upc", "0 36000 29145 2")
    page.fill("#id_model_number", "VT-65")
    continue_(page)

    # 2. Where you bought it: how they found the seller.
    check_accessible(page, problems, "step 2")
    page.fill("#id_marketplace", "BargainMart")
    page.select_option("#id_found_seller_via", "social_media_ad")
    continue_(page)

    # 3. Why, 4. harm: someone was hurt.
    page.locator("label", has_text="price").first.click()
    continue_(page)
    page.locator("label[for='id_harm_0']").click()
    page.fill("#id_harm_description", "It burned my hand.")
    continue_(page)
    continue_(page)  # 5. no photos

    # 6. About you: consent to share, state and ZIP (a bad ZIP first).
    check_accessible(page, problems, "step 6")
    page.fill("#id_contact_email", "ana@example.com")
    page.locator("label[for='id_share_contact_with_marketplace']").click()
    page.select_option("#id_reporter_state", "PR")
    page.fill("#id_reporter_zip", "9090")
    page.locator("label[for='id_consent']").click()
    continue_(page)
    assert "ZIP code of 5 digits" in page.locator("#error-summary").inner_text()
    check_accessible(page, problems, "step 6 with errors")
    page.fill("#id_reporter_zip", "00901")
    continue_(page)

    review = page.locator("main").inner_text()
    for words in ("036000291452", "Credit or debit card", "An ad on social media", "Puerto Rico", "00901"):
        assert words in review
    check_accessible(page, problems, "review")
    page.get_by_role("button", name="Send the report").click()

    # The confirmation: the steps for this report (paid by card, a charger, someone hurt), and no others.
    steps = page.locator('[data-testid="next-steps"] h3').all_inner_texts()
    assert steps == [
        "Stop using the charger or battery if it gets hot",
        "Ask your card issuer for a chargeback",
        "Report the injury or damage to the CPSC",
        "Tell the FTC if the seller tricked you",
    ]
    check_accessible(page, problems, "confirmation with next steps")
    assert problems == {}


def test_an_officer_keys_in_a_phone_report_and_reads_out_the_codes(page, client, demo_site):
    problems = {}
    sign_in_without_the_form(page, client, UserFactory(groups=["Assisted reports"]), demo_site)
    page.goto(demo_site + "/admin/")
    page.get_by_role("link", name="Key in a report").click()
    check_accessible(page, problems, "key-in form")
    page.get_by_role("button", name="Save the report").click()
    assert "problems to fix" in page.locator("main").inner_text()
    check_accessible(page, problems, "key-in form with errors")

    page.locator("label", has_text="Phone call").click()
    page.select_option("#id_product_category", "chargers-batteries")
    page.fill("#id_description", "Caller says the charger sparked when plugged in.")
    page.fill("#id_marketplace", "BargainMart")
    page.fill("#id_contact_name", "Ana Reporter")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Save the report").click()

    key = page.locator('[data-testid="receipt-key"]').inner_text().strip()
    number = page.locator('[data-testid="tracking-number"]').inner_text().strip()
    assert re.fullmatch(r"CF-[A-Z0-9]{4}-[A-Z0-9]{4}", number)
    letter = page.locator(".assisted-letter").inner_text()
    assert number in letter and key in letter and "Dear Ana Reporter" in letter
    assert page.get_by_role("button", name="Print the letter").is_visible()
    check_accessible(page, problems, "receipt")
    # Only the letter is printed.
    page.emulate_media(media="print")
    assert page.locator(".assisted-letter").is_visible()
    assert page.locator(".assisted-letter").evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert page.locator('[data-testid="receipt-key"]').evaluate("e => getComputedStyle(e).visibility") == "hidden"
    page.emulate_media(media="screen")

    page.reload()
    assert key not in page.content()
    assert problems == {}
