"""The Content-Security-Policy in real Chromium, never bypassed: public pages, the report form, the API docs and
the admin screens staff use all work, and the browser reports no violation (neither a
`securitypolicyviolation` event nor a console message). Staff are signed in with Django's test client
(force_login) and its session cookie, not through the login form."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from tests.browser_support import sign_in_without_the_form
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIDEO_URL = "https://www.youtube.com/watch?v=csp-test"
PLAYER = "https://www.youtube-nocookie.com/embed/csp-test"


def assert_clean(page, label=""):
    assert page.csp_violations == [], (label, page.csp_violations)
    assert page.script_errors == [], label


@pytest.fixture
def article_with_video(demo_site):
    """A published article with an embedded video; the embed is stored as wagtail.embeds would have fetched it."""
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    from library.models import ArticlePage

    Embed.objects.create(
        hash=get_embed_hash(VIDEO_URL),
        url=VIDEO_URL,
        type="video",
        html=f'<iframe width="560" height="315" src="{PLAYER}" title="Checking a charger" allowfullscreen></iframe>',
        title="Checking a charger",
        width=560,
        height=315,
    )
    article = ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk").first().specific
    article.body.append(("video", {"video": VIDEO_URL, "title": "Checking a charger", "transcript": ""}))
    article.save_revision().publish()
    return article


def test_public_pages_and_the_report_form_run_under_the_policy(csp_page, demo_site, article_with_video, tmp_path):
    page = csp_page
    response = page.goto(demo_site + "/")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.goto(demo_site + "/library/")
    page.goto(demo_site + "/es/")

    page.goto(demo_site + article_with_video.url)
    frame = page.locator(f"iframe[src='{PLAYER}']")
    assert frame.count() == 1
    # The player is allowed by frame-src (its load itself fails: the tests run offline).
    assert_clean(page, "article with a video")

    # Header search with autocomplete: the suggestions come from /search/autocomplete/ (connect-src 'self').
    page.goto(demo_site + "/")
    page.fill("#site-search", "charg")
    page.locator("#site-search-titles option").first.wait_for(state="attached")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=charg")
    assert_clean(page, "search")

    # The report form, every step, with a photo.
    photo = tmp_path / "charger.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())

    def continue_():
        page.get_by_role("button", name="Save and continue").click()

    page.goto(demo_site + "/report/")
    page.locator("main a.usa-button").first.click()
    continue_()  # with errors first: the error summary
    assert page.locator("#error-summary").is_visible()
    page.select_option("#id_product_category", "chargers-batteries")
    page.fill("#id_description", "A phone charger. It got very hot and the plug melted.")
    continue_()
    page.fill("#id_marketplace", "BargainMart")
    page.select_option("#id_shipped_from_country", "CN")
    continue_()
    page.locator("label", has_text="price").first.click()
    continue_()
    page.locator("label[for='id_harm_1'], label:has-text('No')").first.click()
    continue_()
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Add these files").click()
    assert "charger.jpg" in page.locator("main").inner_text()
    continue_()
    page.locator("label[for='id_consent']").click()
    continue_()
    page.get_by_role("button", name="Send the report").click()
    assert page.locator('[data-testid="receipt-key"]').inner_text().strip()
    assert_clean(page, "report form")


def test_an_inline_script_and_a_foreign_frame_are_blocked(csp_page, demo_site):
    """The same fixture sees a violation when there is one: the policy is really enforced."""
    page = csp_page
    page.goto(demo_site + "/")
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.appendChild(script);
        const frame = document.createElement("iframe");
        frame.src = "https://evil.example/";
        document.body.appendChild(frame);
    }"""
    )
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # let the violation events arrive; nothing is measured against this time
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in violation for violation in page.csp_violations)
    assert any("frame-src" in violation and "evil.example" in violation for violation in page.csp_violations)


def test_the_api_docs_work_under_the_policy(csp_page, live_server):
    page = csp_page
    page.goto(live_server.url + "/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "CBP counterfeit goods API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary").first.click()
    assert_clean(page, "swagger")


def test_an_editor_saves_a_draft_of_an_article(csp_page, demo_site, client):
    from library.models import ArticlePage

    page = csp_page
    editor = UserFactory(groups=["Editors"])
    sign_in_without_the_form(page, client, editor, demo_site)
    article = ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk").first()

    page.goto(demo_site + reverse("wagtailadmin_pages:edit", args=[article.pk]))
    page.fill("#id_title", "Edited under the policy")
    # Rich text in a StreamField block (Draftail).
    editor_box = page.locator(".Draftail-Editor .public-DraftEditor-content").first
    editor_box.click()
    page.keyboard.type(" Added under the policy.")
    # The inline panel's script (nonced) runs: "Add related article" adds a form, whose page chooser
    # (started by admin-widgets.js, not an inline script) opens its modal and takes a page.
    forms_before = page.locator("#id_related_links-FORMS > *").count()
    page.get_by_role("button", name="Add related article").click()
    assert page.locator("#id_related_links-FORMS > *").count() == forms_before + 1
    new_form = page.locator("#id_related_links-FORMS > *").last
    new_form.get_by_role("button", name="Choose a page").click()
    modal = page.locator(".modal-content")
    modal.locator("#id_q").fill("charger")
    modal.locator("a.choose-page").first.click()
    chosen = new_form.locator("[data-chooser-title]")
    chosen.wait_for()
    assert chosen.inner_text().strip()
    # The date picker (started by admin-widgets.js instead of an inline script) is attached.
    assert page.evaluate("!!window.jQuery('#id_last_reviewed').data('xdsoft_datetimepicker')")

    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/edit/")
    article.refresh_from_db()
    latest = article.get_latest_revision_as_object()
    assert latest.title == "Edited under the policy"
    assert "Added under the policy." in str(latest.body.raw_data)
    assert len(latest.related_links.all()) == forms_before + 1
    assert_clean(page, "page editor")


def test_the_triage_report_page_works_under_the_policy(csp_page, live_server, client, site_tree):
    from library.models import ProductCategory
    from tests.reports.factories import ReportFactory

    page = csp_page
    category = ProductCategory.objects.create(name="Chargers", slug="chargers", health_and_safety=True)
    report = ReportFactory(product_category=category, seller_name="Volt Bargains", brand="Volta")
    officer = UserFactory(first_name="Olivia", last_name="Officer", groups=["Triage officers", "Contact viewers"])
    sign_in_without_the_form(page, client, officer, live_server.url)

    page.goto(live_server.url + reverse("triage:index"))
    page.get_by_role("link", name=report.tracking_number).first.click()
    page.wait_for_url(f"**{reverse('triage:inspect', args=[report.pk])}")
    assign = page.locator("form", has=page.get_by_role("button", name="Assign", exact=True))
    assign.locator("select").select_option(label="Olivia Officer")
    assign.get_by_role("button", name="Assign", exact=True).click()
    # The page's own script (triage/js/report-page.js) ran: it put the message in the panel the officer used.
    page.locator("#actions .triage-feedback").wait_for()
    report.refresh_from_db()
    assert report.triage.assignee == officer
    page.goto(live_server.url + reverse("triage-trends:index"))
    assert_clean(page, "triage")


def test_the_trusted_importer_admin_works_under_the_policy(csp_page, live_server, client):
    from importers.models import Importer
    from tests.importers.conftest import ImporterFactory

    page = csp_page
    importer = ImporterFactory(legal_name="Acme Example Imports", trade_names=["Acme Power"])
    sign_in_without_the_form(page, client, UserFactory(groups=["Vetting officers"]), live_server.url)

    page.goto(live_server.url + "/admin/trusted-importers/")
    page.get_by_role("link", name="Acme Example Imports").first.click()
    page.wait_for_url("**/edit/**")
    assert page.evaluate("!!window.jQuery('#id_valid_until').data('xdsoft_datetimepicker')")
    page.get_by_role("button", name="Add trade name").click()
    page.locator("input[name$='-name']").last.fill("Acme Chargers")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url("**/trusted-importers/")
    assert sorted(importer.trade_names.values_list("name", flat=True)) == ["Acme Chargers", "Acme Power"]
    assert Importer.objects.count() == 1
    assert_clean(page, "importer admin")


def test_a_moderator_promotes_a_search_result_under_the_policy(csp_page, demo_site, client):
    from wagtail.contrib.search_promotions.models import SearchPromotion

    page = csp_page
    sign_in_without_the_form(page, client, UserFactory(groups=["Moderators"]), demo_site)
    page.goto(demo_site + reverse("wagtailsearchpromotions:add"))
    page.fill("#id_query_string", "charger fire")
    page.get_by_role("button", name="Add a recommended result").click()  # Wagtail's inline script, nonced
    form = page.locator("#id_query-FORMS > *, [id$='-FORMS'] > *").last
    form.get_by_role("button", name="Choose a page").click()  # the page chooser, started from data attributes
    modal = page.locator(".modal-content")
    modal.locator("#id_q").fill("charger")
    modal.locator("a.choose-page").first.click()
    form.locator("[data-chooser-title]").wait_for()
    page.get_by_role("button", name=re.compile(r"^(Save|Create)$")).first.click()
    page.wait_for_url("**/searchpicks/")
    assert SearchPromotion.objects.filter(query__query_string="charger fire").count() == 1
    assert_clean(page, "search promotions")
