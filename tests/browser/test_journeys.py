"""Public journeys in real Chromium: reading, searching with a typo and a facet, keyboard only, languages."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def tab_to(page, predicate_js, limit=80):
    """Press Tab until the focused element satisfies predicate_js (a JS expression over `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate_js}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def focus_is_visible(page):
    return page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; })()"
    )


def test_read_an_article_from_the_home_page(page, demo_site):
    page.goto(demo_site + "/")
    link = page.locator("main .usa-collection__heading a").first
    title = link.inner_text()
    link.click()
    assert page.locator("h1").inner_text() == title
    assert page.locator("main a[href='/report/']").first.is_visible()


def test_search_with_a_typo_use_a_facet_and_open_a_result(page, demo_site, search_index, settings):
    search_index.rebuild()
    page.goto(demo_site + "/")
    page.fill("#site-search", "chager fire")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=chager+fire")
    assert page.get_by_role("link", name="Alert: Counterfeit Phone Chargers Can Overheat and Start Fires").is_visible()

    page.locator("label[for='facet-kind-alert']").click()  # USWDS styles the label, not the box
    page.get_by_role("button", name="Apply filters").click()
    assert "kind=alert" in page.url
    results = page.locator(".usa-collection__heading a").all_inner_texts()
    assert results and all(title.startswith("Alert") for title in results)

    page.get_by_role("link", name="Alert: Counterfeit Phone Chargers Can Overheat and Start Fires").click()
    assert page.locator("h1").inner_text().startswith("Alert: Counterfeit Phone Chargers")


def test_keyboard_only_skip_link_search_facets_and_language(page, demo_site):
    page.goto(demo_site + "/library/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"

    page.goto(demo_site + "/")
    tab_to(page, "el.id === 'site-search'")
    assert focus_is_visible(page)
    page.keyboard.type("fake")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=fake")

    tab_to(page, "el.type === 'checkbox' && el.name === 'kind'")
    assert focus_is_visible(page)
    page.keyboard.press("Space")
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.includes('Apply filters')")
    page.keyboard.press("Enter")
    page.wait_for_url("**kind=**")

    tab_to(page, "el.getAttribute('hreflang') === 'es'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/es/**")
    assert page.get_attribute("html", "lang") == "es"


def test_the_language_switch_leads_to_the_translation(page, demo_site):
    page.goto(demo_site + "/library/counterfeit-chargers-fire-risk/")
    page.locator("a[hreflang='es']").first.click()
    assert page.url.endswith("/es/biblioteca/cargadores-falsos-riesgo-de-incendio/")
    page.locator("a[hreflang='en']").first.click()
    assert page.url.endswith("/library/counterfeit-chargers-fire-risk/")
