"""CBP staff in real Chromium: a triage officer finds a report, assigns it, changes its status and adds a
note; an editor signed in to the same admin cannot see reports."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import browser_support
from tests.factories import UserFactory
from tests.reports.factories import ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


def sign_in(page, base, user):
    browser_support.sign_in(page, base, user.username, PASSWORD)


def form_with_button(page, name):
    return page.locator("form", has=page.get_by_role("button", name=name, exact=True))


def test_a_triage_officer_works_a_report_and_an_editor_cannot_see_it(page, live_server, site_tree):
    from library.models import ProductCategory

    category = ProductCategory.objects.create(name="Chargers", slug="chargers", health_and_safety=True)
    report = ReportFactory(product_category=category, seller_name="Volt Bargains", brand="Volta")
    officer = UserFactory(username="olivia", first_name="Olivia", last_name="Officer", groups=["Triage officers"])
    editor = UserFactory(username="eddie", groups=["Editors"])
    base = live_server.url

    sign_in(page, base, officer)
    page.goto(base + reverse("triage:index") + "?q=Volt")
    page.get_by_role("link", name=report.tracking_number).first.click()
    assert (
        report.tracking_number in page.locator("h1, h2").first.inner_text() or report.tracking_number in page.content()
    )

    assign = form_with_button(page, "Assign")
    assign.locator("select").select_option(label="Olivia Officer")
    assign.get_by_role("button", name="Assign", exact=True).click()

    status = form_with_button(page, "Change status")
    status.locator("select[name=status]").select_option("in_review")
    status.get_by_role("button", name="Change status").click()

    note = form_with_button(page, "Add note")
    note.locator("textarea").fill("Same seller as last week's charger fire report.")
    note.get_by_role("button", name="Add note").click()

    # Wait for the note to show: read at once, the page can still be loading (its text then ended before the notes).
    expect(page.locator("main").get_by_text("Same seller as last week's charger fire report.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == "in_review"
    assert report.triage.assignee == officer

    page.context.clear_cookies()
    sign_in(page, base, editor)
    assert page.locator(f"a[href='{reverse('triage:index')}']").count() == 0
    response = page.goto(base + reverse("triage:inspect", args=[report.pk]))
    assert "Volt Bargains" not in page.content()
    assert response.status in (403, 200) and "/admin/" in page.url
