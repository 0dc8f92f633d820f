"""Editors manage topics and product categories in real Chromium: add a topic with its Spanish name, find it by
search, edit it, see it on the public topic pages in both languages; add a product category and find it in the
report form. Sign-in is by session cookie (force_login of a client whose session has passed the second factor), not
through the login form."""

import pytest
from playwright.sync_api import expect

from library.models import Topic
from tests.browser_support import axe_violations, sign_in_without_the_form
from tests.factories import ArticlePageFactory, TopicFactory, UserFactory, publish
from tests.verified_client import VerifiedClient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, base, user):
    sign_in_without_the_form(page, VerifiedClient(), user, base)


def violations(page):
    """axe once Wagtail's transitions (the "saved" message fading in) have finished, so colours are final."""
    page.evaluate("() => Promise.all(document.getAnimations().map(animation => animation.finished))")
    return axe_violations(page)


@pytest.fixture
def editor():
    return UserFactory(username="eddie", first_name="Eddie", last_name="Editor", groups=["Editors"])


def test_an_editor_adds_a_topic_finds_it_edits_it_and_sees_it_in_both_languages(page, live_server, site_tree, editor):
    TopicFactory(name="Import rules", name_es="Reglas de importación", slug="import-rules")
    base = live_server.url
    sign_in(page, base, editor)

    page.goto(base + "/admin/")
    page.get_by_role("button", name="Taxonomy").click()
    page.get_by_role("link", name="Topics").click()
    page.get_by_role("link", name="Add topic").click()
    assert violations(page) == []
    page.fill("#id_name", "Sunglasses & eyewear")
    page.fill("#id_name_es", "Gafas de sol")
    page.fill("#id_slug", "eyewear")
    page.fill("#id_description", "Fake sunglasses may not block UV light.")
    page.fill("#id_description_es", "Las gafas de sol falsas pueden no bloquear la luz UV.")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(base + "/admin/snippets/library/topic/")
    assert "Sunglasses & eyewear" in page.locator("main").inner_text()
    assert violations(page) == []

    # Found by its Spanish name through the listing's search box.
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    page.get_by_role("textbox", name="Search term").fill("gafas")
    page.keyboard.press("Enter")
    expect(rows).to_have_count(1)
    row = rows.filter(has_text="Sunglasses & eyewear")
    expect(row).to_have_count(1)

    row.get_by_role("link", name="Sunglasses & eyewear").click()
    assert violations(page) == []
    page.fill("#id_name", "Sunglasses")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(base + "/admin/snippets/library/topic/")
    topic = Topic.objects.get(slug="eyewear")
    assert topic.name == "Sunglasses"

    # An article about it (written in the page editor in real life), then the public pages.
    publish(ArticlePageFactory(parent=site_tree["en"][1], title="Fake sunglasses", topics=[topic], live=False))
    publish(ArticlePageFactory(parent=site_tree["es"][1], title="Gafas falsas", topics=[topic], live=False))
    page.goto(base + "/library/topics/eyewear/")
    assert page.locator("h1").inner_text() == "Sunglasses"
    assert "Fake sunglasses may not block UV light." in page.locator("main").inner_text()
    page.goto(base + "/es/biblioteca/topics/eyewear/")
    assert page.locator("h1").inner_text() == "Gafas de sol"
    main = page.locator("main").inner_text()
    assert "Las gafas de sol falsas pueden no bloquear la luz UV." in main and "Fake sunglasses" not in main
    page.goto(base + "/es/biblioteca/topics/")
    assert page.get_by_role("link", name="Gafas de sol").is_visible()


def test_an_editor_adds_a_product_category_and_the_report_form_offers_it(page, live_server, site_tree, editor):
    base = live_server.url
    sign_in(page, base, editor)

    page.goto(base + "/admin/snippets/library/productcategory/add/")
    assert violations(page) == []
    page.fill("#id_name", "Helmets")
    page.fill("#id_name_es", "Cascos")
    page.fill("#id_slug", "helmets")
    page.get_by_role("checkbox", name="Health and safety").check()
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(base + "/admin/snippets/library/productcategory/")
    assert violations(page) == []

    page.goto(base + "/report/what-you-bought/")
    assert "Helmets" in page.locator("#id_product_category option").all_inner_texts()
    page.goto(base + "/es/report/what-you-bought/")
    options = page.locator("#id_product_category option").all_inner_texts()
    assert "Cascos" in options and "Helmets" not in options
