"""A report's page in real Chromium, as an officer works it: the reporter's words are on screen without scrolling,
every action ends with a message where the officer was working (and focus on it), a duplicate is marked from a related
report's row, and the whole job (find by tracking number, read, assign to me, note, refer) is done with the keyboard."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser_support import PHONE, sign_in_without_the_form
from tests.factories import ProductCategoryFactory
from tests.reports.factories import ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LAPTOP = {"width": 1280, "height": 800}
WORDS = "It caught fire on the nightstand while charging and burned the cable."


@pytest.fixture
def reports(db):
    chargers = ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)
    report = ReportFactory(
        product_category=chargers,
        brand="Volta",
        product_name="Fast charger",
        description=WORDS,
        seller_name="Volt Deals",
        listing_url="https://volt-deals.example/item/77",
        order_number="A-100",
        harm=True,
    )
    earlier = ReportFactory(product_category=chargers, brand="Volta", seller_name="Volt Deals")
    return report, earlier


@pytest.fixture
def signed_in(page, live_server, client, officer):
    page.set_viewport_size(LAPTOP)
    sign_in_without_the_form(page, client, officer, live_server.url)
    return live_server.url


def report_url(base, report):
    return base + reverse("triage:inspect", args=[report.pk])


def feedback_in(page, section):
    """The message shown at the top of `section` after an action: it has focus and is on screen."""
    feedback = page.locator(f"#{section} .triage-feedback")
    expect(feedback).to_be_focused()
    # Wagtail's admin scrolls smoothly: this waits for the scroll to end.
    expect(feedback).to_be_in_viewport(ratio=1)
    assert page.locator(".messages li").count() == 0, "the message is also left at the top of the page"
    return feedback


def test_the_reporters_words_and_the_panel_are_on_screen_without_scrolling(page, signed_in, reports):
    report, _earlier = reports
    page.goto(report_url(signed_in, report))
    expect(page.get_by_text(WORDS)).to_be_in_viewport(ratio=1)
    expect(page.get_by_role("button", name="Assign to me")).to_be_in_viewport(ratio=1)
    panel = page.get_by_role("complementary", name="Triage")
    expect(panel.get_by_label("Status")).to_be_in_viewport(ratio=1)
    # The panel is beside the report, on its right.
    assert panel.bounding_box()["x"] > page.get_by_text(WORDS).bounding_box()["x"] + 300

    # On a phone the panel comes below the reporter's words, not above them.
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_text(WORDS)).to_be_in_viewport(ratio=1)
    assert panel.bounding_box()["y"] > page.get_by_text(WORDS).bounding_box()["y"]


def test_each_action_shows_its_message_where_the_officer_was(page, signed_in, reports):
    report, earlier = reports
    url = report_url(signed_in, report)
    page.goto(url)
    panel = page.get_by_role("complementary", name="Triage")

    panel.get_by_role("button", name="Assign to me").click()
    page.wait_for_url(url + "#actions")
    expect(feedback_in(page, "actions")).to_have_text(f"{report.tracking_number} is assigned to you.")
    expect(panel).to_contain_text("Olivia Officer")

    panel.get_by_label("Status").select_option("in_review")
    panel.get_by_role("button", name="Change status").click()
    page.wait_for_url(url + "#actions")
    expect(feedback_in(page, "actions")).to_have_text(f"The status of {report.tracking_number} is now In review.")

    panel.get_by_label("Priority:", exact=True).select_option("urgent")
    panel.get_by_label("Reason:", exact=True).fill("Same seller as a fire last week.")
    panel.get_by_role("button", name="Set priority").click()
    page.wait_for_url(url + "#actions")
    expect(feedback_in(page, "actions")).to_have_text(f"The priority of {report.tracking_number} is now Urgent.")

    notes = page.locator("#notes")
    notes.get_by_label("Internal note").fill("Called the platform.")
    notes.get_by_role("button", name="Add note").click()
    page.wait_for_url(url + "#notes")
    expect(feedback_in(page, "notes")).to_have_text(f"Your note is added to {report.tracking_number}.")
    expect(notes).to_contain_text("Called the platform.")

    panel.get_by_text("Add to a case").click()
    page.locator("#case").get_by_label("or a new case titled").fill("Volt Deals chargers")
    page.get_by_role("button", name="Add to case").click()
    page.wait_for_url(url + "#case")
    expect(feedback_in(page, "case")).to_have_text(
        f"{report.tracking_number} is in the new case “Volt Deals chargers”."
    )

    panel.get_by_text("Refer to an agency").click()
    page.locator("#refer").get_by_label("Refer to").select_option("cpsc")
    page.get_by_role("button", name="Refer", exact=True).click()
    page.wait_for_url(url + "#refer")
    expect(feedback_in(page, "refer")).to_have_text("Referred to CPSC. Shared through the partner API with: nobody.")

    referrals = page.locator("#referrals")
    referrals.get_by_label("Referral status").select_option("acknowledged")
    referrals.get_by_role("button", name="Update referral").click()
    page.wait_for_url(url + "#referrals")
    expect(feedback_in(page, "referrals")).to_have_text("The referral to CPSC is now: Acknowledged.")

    panel.get_by_text("Mark as a duplicate").click()
    page.locator("#duplicate").get_by_label("Duplicate of (tracking number)").fill(earlier.tracking_number)
    page.get_by_role("button", name="Mark duplicate").click()
    page.wait_for_url(url + "#duplicate")
    expect(feedback_in(page, "duplicate")).to_have_text(
        f"{report.tracking_number} is now a duplicate of {earlier.tracking_number}, and closed."
    )


def test_a_form_with_an_error_comes_back_open_with_focus_on_the_field(page, signed_in, reports):
    report, _earlier = reports
    page.goto(report_url(signed_in, report))
    page.get_by_text("Refer to an agency").click()
    refer = page.locator("#refer")
    refer.get_by_label("Refer to").select_option("ftc")
    refer.get_by_label("Note for the API partner").fill("Please take the listing down.")
    refer.get_by_role("button", name="Refer", exact=True).click()
    field = refer.get_by_label("Note for the API partner")
    expect(field).to_be_focused()
    expect(field).to_have_value("Please take the listing down.")
    expect(field).to_have_accessible_description(re.compile("Nobody will read this note: tick an API partner"))
    expect(refer.locator(".errorlist")).to_contain_text("Nobody will read this note")
    expect(field).to_be_in_viewport(ratio=1)


def test_a_duplicate_is_marked_from_a_related_reports_row(page, signed_in, reports):
    report, earlier = reports
    url = report_url(signed_in, report)
    page.goto(url)
    row = page.locator("#related li").filter(has_text=earlier.tracking_number).first
    row.get_by_role(
        "button", name=f"Mark {report.tracking_number} as a duplicate of {earlier.tracking_number}"
    ).click()
    page.wait_for_url(url + "#related")
    expect(feedback_in(page, "related")).to_have_text(
        f"{report.tracking_number} is now a duplicate of {earlier.tracking_number}, and closed."
    )
    expect(page.locator("#related")).to_contain_text(f"{report.tracking_number} is marked as a duplicate of this one.")
    expect(page.get_by_role("complementary", name="Triage")).to_contain_text("Closed (Duplicate)")


# The keyboard-only journey: no clicks, only Tab, Shift+Tab, Enter, Space, arrows and typing.

FOCUS_RING = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {ring: Boolean(outline || shadow), what: element.outerHTML.slice(0, 120)};
}"""


def focus_is_visible(page):
    """The focused element is on screen (once the smooth scroll ends) and drawn with a focus ring."""
    expect(page.locator(":focus")).to_be_in_viewport()
    state = page.evaluate(FOCUS_RING)
    assert state["ring"], f"no focus ring on {state['what']}"


def tab_to(page, test, *, backwards=False, limit=80):
    """Press Tab (or Shift+Tab) until `test` (JavaScript, given the focused element) is true; every stop shows focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate(f"(element) => {test}", page.evaluate_handle("document.activeElement")):
            focus_is_visible(page)
            return
    pytest.fail(f"Tab never reached {test}")


def test_an_officer_works_a_report_with_the_keyboard_only(page, signed_in, reports):
    report, _earlier = reports
    url = report_url(signed_in, report)
    page.goto(signed_in + reverse("triage:index"))

    # Find it by the tracking number a colleague quoted, typed loosely.
    tab_to(page, "element.name === 'tracking_number'")
    page.keyboard.type(report.tracking_number.removeprefix("CF-").lower())
    page.keyboard.press("Enter")
    page.wait_for_url(url)

    # Read it: the reporter's words are on screen at once.
    expect(page.get_by_text(WORDS)).to_be_in_viewport(ratio=1)

    # Assign it to myself.
    tab_to(page, "element.textContent.trim() === 'Assign to me'")
    page.keyboard.press("Enter")
    page.wait_for_url(url + "#actions")
    expect(feedback_in(page, "actions")).to_have_text(f"{report.tracking_number} is assigned to you.")
    focus_is_visible(page)

    # Add a note: on from the message, through the panel, to the note box (past the question to the reporter).
    tab_to(page, "element.id === 'id_text'")
    page.keyboard.type("Asked the platform to keep the listing's records.")
    tab_to(page, "element.textContent.trim() === 'Add note'")
    page.keyboard.press("Enter")
    page.wait_for_url(url + "#notes")
    expect(feedback_in(page, "notes")).to_have_text(f"Your note is added to {report.tracking_number}.")
    focus_is_visible(page)

    # Refer it: back up to the folded Refer part of the panel, open it with Space, fill it in, send it.
    tab_to(page, "element.textContent.trim() === 'Refer to an agency'", backwards=True)
    page.keyboard.press("Space")
    expect(page.locator("#refer")).to_have_attribute("open", "")
    tab_to(page, "element.name === 'agency'")
    for _ in range(10):
        if page.evaluate("document.activeElement.value") == "ftc":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "ftc"
    tab_to(page, "element.name === 'note'")
    page.keyboard.type("Repeat seller of chargers that catch fire.")
    tab_to(page, "element.textContent.trim() === 'Refer'")
    page.keyboard.press("Enter")
    page.wait_for_url(url + "#refer")
    expect(feedback_in(page, "refer")).to_have_text("Referred to FTC. Shared through the partner API with: nobody.")
    focus_is_visible(page)

    report.refresh_from_db()
    assert report.status == "referred"
    assert report.triage.assignee.username == "olivia"
    assert report.triage_notes.get().text == "Asked the platform to keep the listing's records."
