"""An FDA user in real Chromium: signs in to the portal with a password and an authenticator code, finds the
referral in the inbox, acknowledges it and records an outcome; every page axe-clean, on a desktop and a phone."""

import pytest

from outcomes.models import ReportOutcome
from tests.browser_support import PHONE, axe_violations
from tests.factories import ProductCategoryFactory, UserFactory
from tests.portal.browser_support import sign_in_to_portal
from tests.portal.members import new_member
from tests.reports.factories import ReportFactory
from triage import operations
from triage.models import ReferralStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def referrals(db):
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    pills = ProductCategoryFactory(name="Supplements", slug="supplements")
    to_fda = operations.refer(
        agency="fda",
        note="Unlabelled pills sold as a known brand.",
        user=officer,
        report=ReportFactory(product_category=pills, description="The pills had no label."),
    )
    to_cpsc = operations.refer(
        agency="cpsc", note="", user=officer, report=ReportFactory(product_category=pills, description="A toy.")
    )
    return to_fda, to_cpsc


def test_an_fda_user_acknowledges_and_records_an_outcome(page, live_server, referrals):
    to_fda, to_cpsc = referrals
    member = new_member(kind="agency", role="responder", agency="fda")
    sign_in_to_portal(page, live_server, member)
    problems = {}

    menu = page.get_by_role("navigation", name="Partner portal")
    menu.get_by_role("link", name="Referrals to your agency").click()
    assert page.get_by_role("link", name=to_fda.report.tracking_number).is_visible()
    assert to_cpsc.report.tracking_number not in page.content()
    problems["inbox"] = axe_violations(page)

    page.get_by_role("link", name=to_fda.report.tracking_number).click()
    assert page.get_by_text("Unlabelled pills sold as a known brand.").is_visible()
    problems["referral"] = axe_violations(page)
    page.get_by_role("button", name="Acknowledge: we have it").click()
    assert page.get_by_text("You acknowledged the referral.").is_visible()

    page.locator("label.usa-radio__label", has_text="Penalty").click()  # USWDS hides the input behind its label
    assert page.get_by_label("Penalty").is_checked()
    page.get_by_label("Your reference number (optional)").fill("FDA-2026-0042")
    page.get_by_role("button", name="Record the outcome").click()
    assert page.get_by_text("Your outcome was recorded.").is_visible()
    problems["after the outcome"] = axe_violations(page)

    page.set_viewport_size(PHONE)
    page.reload()
    problems["referral on a phone"] = axe_violations(page)
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    page.get_by_role("navigation", name="Partner portal").get_by_role("link", name="Your response record").click()
    problems["scorecard on a phone"] = axe_violations(page)

    assert {name: found for name, found in problems.items() if found} == {}
    to_fda.refresh_from_db()
    assert to_fda.status == ReferralStatus.ACTION_TAKEN
    outcome = ReportOutcome.objects.get(report=to_fda.report)
    assert (outcome.code, outcome.reference) == ("penalty", "FDA-2026-0042")
