"""Every public page type passes axe-core (WCAG 2.1 A and AA) in real Chromium, on a phone and a desktop."""

import pytest

from tests.browser_support import DESKTOP, PHONE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = [
    "/",
    "/library/",
    "/library/?topic=electronics-batteries&kind=alert",
    "/library/topics/",
    "/library/topics/electronics-batteries/",
    "/library/counterfeit-chargers-fire-risk/",
    "/library/reporting-faq/",
    "/search/?q=fake+charger",
    "/search/?q=zzqx",
    "/search/?q=fake&topic=electronics-batteries&kind=alert",
    "/es/",
    "/es/biblioteca/",
    "/es/biblioteca/cargadores-falsos-riesgo-de-incendio/",
    "/es/search/?q=medicamentos",
    "/no-such-page/",
]


def test_public_pages_have_no_accessibility_violations(page, demo_site):
    problems = {}
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in PAGES:
            page.goto(demo_site + path)
            violations = axe_violations(page)
            if violations:
                problems[f"{path} @ {viewport['width']}px"] = violations
    assert problems == {}


def test_pages_reflow_at_320_pixels_without_sideways_scrolling(page, demo_site):
    page.set_viewport_size({"width": 320, "height": 640})
    wide = []
    for path in ("/", "/library/", "/library/counterfeit-chargers-fire-risk/", "/search/?q=fake"):
        page.goto(demo_site + path)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            wide.append(path)
    assert wide == []


def test_every_page_declares_its_language(page, demo_site):
    page.goto(demo_site + "/")
    assert page.get_attribute("html", "lang") == "en"
    page.goto(demo_site + "/es/")
    assert page.get_attribute("html", "lang") == "es"
