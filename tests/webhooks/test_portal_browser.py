"""An organisation admin sets up a webhook in real Chromium: adds an endpoint, copies the secret shown once, sees
a real delivery in the log and replays it; axe finds no WCAG 2.1 A/AA problem on any notices page."""

import pytest
from standardwebhooks.webhooks import Webhook

from tests.browser_support import axe_violations
from tests.factories import UserFactory
from tests.portal.browser_support import sign_in_to_portal
from tests.portal.members import new_member
from tests.webhooks.conftest import a_report
from tests.webhooks.receiver import Receiver
from triage import operations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def checked(page):
    assert axe_violations(page) == [], page.url


def test_an_admin_sets_up_a_webhook_and_replays_a_delivery(page, live_server, site_tree):
    base = live_server.url
    admin = new_member(kind="marketplace", role="admin")
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    sign_in_to_portal(page, live_server, admin)

    page.get_by_role("navigation", name="Partner portal").get_by_role("link", name="Notices of new referrals").click()
    page.get_by_role("heading", name="Notices of new referrals").wait_for()
    assert page.get_by_label("Email me about new referrals").is_checked()  # on by default for an admin
    checked(page)
    page.get_by_role("link", name="Webhook endpoints and delivery log").click()
    page.get_by_text("Your organisation has no webhook endpoint yet.").wait_for()
    checked(page)

    page.get_by_role("link", name="Add an endpoint").click()
    page.get_by_label("Address").fill("not an address")
    page.get_by_role("button", name="Add the endpoint").click()
    page.get_by_text("This is not a web address").first.wait_for()
    checked(page)

    with Receiver(answers=[500, 200]) as receiver:
        page.get_by_label("Address").fill(receiver.url)
        page.get_by_label("Description (optional)").fill("Takedown queue")
        page.get_by_role("button", name="Add the endpoint").click()
        page.get_by_role("heading", name="Signing secret").wait_for()
        secret = page.get_by_label("Secret").input_value()
        assert secret.startswith("whsec_")
        checked(page)
        page.reload()
        assert page.get_by_text("already shown").is_visible()
        assert secret not in page.content()

        operations.refer(agency="marketplace", note="", user=officer, report=a_report(), recipient=admin.organisation)
        assert len(receiver.received) == 1  # sent after the commit, answered 500

        page.get_by_role("link", name="Done: to the endpoint").click()
        page.get_by_role("heading", name="Delivery log").wait_for()
        assert page.get_by_text("The receiver answered 500").is_visible()
        checked(page)
        page.locator("a[href*='/deliveries/']").first.click()
        page.get_by_role("heading", name="Tries").wait_for()
        checked(page)
        page.get_by_role("button", name="Replay this delivery").click()
        page.get_by_text("Replay queued").wait_for()
        assert page.get_by_text("None: received").is_visible()
        checked(page)

    first, replayed = receiver.received
    assert replayed.headers["webhook-id"] == first.headers["webhook-id"]
    Webhook(secret).verify(replayed.body, replayed.headers)

    page.goto(base + page.locator("a[href*='/endpoints/']").first.get_attribute("href"))
    page.get_by_role("link", name="Rotate the secret").click()
    checked(page)
    page.get_by_role("button", name="Make a new secret").click()
    assert page.get_by_label("Secret").input_value() not in ("", secret)
    checked(page)
    page.get_by_role("link", name="Done: to the endpoint").click()
    page.get_by_text("also signs until").wait_for()  # the old secret's grace period
    page.get_by_role("button", name="Disable the endpoint").click()
    page.get_by_text("it gets nothing until you enable it again").wait_for()
    page.get_by_role("link", name="Delete the endpoint").click()
    checked(page)
