"""The directory page passes axe-core (WCAG 2.1 A and AA) in real Chromium: listing, a check, and errors."""

import pytest

from importers.demo import load_demo_importers
from tests.browser_support import DESKTOP, PHONE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PATHS = [
    "/trusted-importers/",
    "/trusted-importers/?q=northwind",
    "/trusted-importers/?seller=https://www.northwind.example/chargers",
    "/trusted-importers/?seller=https://unknown-seller.example/",
    "/trusted-importers/?seller=not+a+web+address&page=0",
    "/es/trusted-importers/?seller=marketplace.example/shops/tailspin-toys",
]


@pytest.fixture
def directory_site(site_tree, live_server):
    load_demo_importers()
    return live_server.url


def test_the_directory_has_no_accessibility_violations(page, directory_site):
    problems = {}
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in PATHS:
            page.goto(directory_site + path)
            violations = axe_violations(page)
            if violations:
                problems[f"{path} @ {viewport['width']}px"] = violations
    assert problems == {}


def test_checking_a_seller_with_the_keyboard(page, directory_site):
    page.goto(directory_site + "/trusted-importers/")
    page.get_by_label("The seller’s web address").fill("northwind.example")
    page.keyboard.press("Enter")
    page.wait_for_selector(".check-result--found")
    assert "Northwind Example Trading Co." in page.inner_text(".check-result")
