"""An editor writes a new article on the Content tab alone and saves a draft on the first try, in real Chromium.

Topics are required even for a draft (Wagtail defers only text fields). When they were a Ctrl-click multi-select
on the Promote tab, this first save failed with the error on a tab the editor had not opened; here the editor
ticks kind, topics and audience beside the summary, never opens Promote, and the draft is saved.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from library.models import ArticlePage, Audience
from tests.browser_support import sign_in_without_the_form
from tests.factories import TopicFactory, UserFactory
from tests.verified_client import VerifiedClient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_new_article_saves_as_a_draft_from_the_content_tab_alone(page, live_server, site_tree):
    base = live_server.url
    library = site_tree["en"][1]
    TopicFactory(name="Spotting fake sellers", slug="fake-sellers")
    TopicFactory(name="Electronics & batteries", slug="electronics")
    audience = Audience.objects.order_by("pk").first()
    editor = UserFactory(username="eddie", groups=["Editors"])
    sign_in_without_the_form(page, VerifiedClient(), editor, base)

    page.goto(base + reverse("wagtailadmin_pages:add", args=["library", "articlepage", library.pk]))
    content = page.locator("#tab-content")
    expect(page.get_by_role("tab", name="Content")).to_have_attribute("aria-selected", "true")
    expect(content).to_be_visible()
    expect(page.locator("#tab-promote")).to_be_hidden()

    content.get_by_role("textbox", name="Title").fill("Chargers that overheat")
    content.locator("#id_summary").fill("How to tell a fake phone charger before it burns.")
    content.get_by_label("Kind").select_option(label="Alert")
    # Ticked on the Content tab, in view; a Promote-tab multi-select would not be found here.
    content.get_by_role("checkbox", name="Electronics & batteries").check()
    content.get_by_role("checkbox", name=audience.name).check()

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    expect(page.locator(".messages")).to_contain_text("created")
    expect(page.locator(".messages .error")).to_have_count(0)
    expect(page.get_by_role("tab", name="Content")).to_have_attribute("aria-selected", "true")

    article = ArticlePage.objects.get(title="Chargers that overheat")
    draft = article.get_latest_revision_as_object()
    assert not article.live
    assert draft.kind == "alert"
    assert [topic.slug for topic in draft.topics.all()] == ["electronics"]
    assert list(draft.audience.all()) == [audience]
