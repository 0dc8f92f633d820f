"""Section 508 for the staff screens: axe-core (WCAG 2.1 A and AA) in real Chromium on the triage queue, a report page
(with files, notes, related reports and a case), the trends page, the case page, the importer list and inspect page,
the partner and API key lists, and the editor's article edit page. Our own templates must have no violations.

Where Wagtail's own admin markup is at fault, that one selector is left out of our run and the same test asserts that
what was left out is exactly the known Wagtail finding, so it is reported rather than hidden."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from importers.models import IdentifierKind, ImporterIdentifier
from partners import keys
from partners.models import Partner, Scope
from reports.choices import Priority
from reports.models import Attachment
from tests.browser_support import PHONE, axe_violations, sign_in_without_the_form
from tests.factories import ArticlePageFactory, ProductCategoryFactory, UserFactory
from tests.importers.conftest import ImporterFactory
from tests.reports.factories import ReporterContactFactory, ReportFactory
from triage import operations

# Wagtail's own filter button (wagtailadmin/shared/headers/_filters.html): once filters are active it shows their
# count ("2") while its accessible name is "Show filters" (axe: label-content-name-mismatch).
WAGTAIL_FILTER_BUTTON = ".w-slim-header-action-button"
# Wagtail's rich text editor (Draftail, rendered by wagtailadmin/widgets/draftail_rich_text_area.html and its
# JavaScript) gives its editable area role="textbox" with no accessible name (axe: aria-input-field-name). Not our
# template; left out of our run and checked on its own in the article test, so it is reported, not hidden.
DRAFTAIL_TEXT_BOX = ".Draftail-Editor .public-DraftEditor-content"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def check(page, url, exclude=(), wagtails_own=()):
    """Our violations on the page at `url` (with `exclude` left out). When selectors are excluded, the findings
    on them must be exactly `wagtails_own` (rule ids), so a new finding of ours under them still fails."""
    page.goto(url)
    assert page.url == url, f"{url} sent the browser to {page.url} (not signed in?)"
    ours = axe_violations(page, exclude=exclude)
    if exclude:
        everything = axe_violations(page)
        left_out = sorted({finding.split(" ", 1)[0] for finding in everything if finding not in ours})
        assert left_out == sorted(wagtails_own), everything
    return ours


@pytest.fixture
def staff_data(site_tree, live_server):
    officer = UserFactory(username="olivia", first_name="Olivia", last_name="Officer", groups=["Triage officers"])
    chargers = ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)
    report = ReportFactory(
        product_category=chargers,
        brand="Volta",
        product_name="Fast charger",
        description="It caught fire on the nightstand while charging.",
        seller_name="Volt Deals",
        listing_url="https://shopright.example/item/77",
        order_number="A-100",
        harm=True,
    )
    ReporterContactFactory(report=report, name="Ana Reporter", email="ana@example.com", phone="555-0100")
    related = ReportFactory(
        product_category=chargers,
        brand="Volta",
        seller_name="Volt Deals",
        listing_url="https://shopright.example/item/77",
    )
    attachment = Attachment(report=report, original_name="receipt.png", content_type="image/png", size=28, sha256="0")
    attachment.file.save("receipt.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20), save=False)
    attachment.save()
    operations.assign(report, officer, user=officer)
    operations.add_note(report, "Called the seller's platform.", user=officer)
    case = operations.link_to_case([report, related], user=officer, title="Volt Deals chargers")

    importer = ImporterFactory(legal_name="Northwind Trading Co.", domains=["northwind.example"])
    ImporterIdentifier.objects.create(importer=importer, kind=IdentifierKind.STORE_URL, value="https://x.example/s")
    partner = Partner.objects.create(name="ShopRight Marketplace", domains="shopright.example")
    keys.create_key(partner=partner, name="sync", scopes=Scope.values)
    article = ArticlePageFactory(parent=site_tree["en"][1])
    return {
        "base": live_server.url,
        "officer": officer,
        "report": report,
        "case": case,
        "related": related,
        "importer": importer,
        "article": article,
    }


def test_the_triage_screens_have_no_violations_of_ours(page, client, staff_data):
    base = staff_data["base"]
    sign_in_without_the_form(page, client, staff_data["officer"], base)
    problems = {}
    for name, url in {
        "queue": reverse("triage:index"),
        "report": reverse("triage:inspect", args=[staff_data["report"].pk]),
        "trends": reverse("triage-trends:index"),
        "case": reverse("triage-cases:inspect", args=[staff_data["case"].pk]),
    }.items():
        if found := check(page, base + url):
            problems[name] = found
        if name == "report":
            # The page checked really holds what the brief asks for: a file, a note, a related report and a case.
            text = page.inner_text("main")
            for shown in (
                f"report-{staff_data['report'].tracking_number}-file-1.png",
                "Called the seller's platform.",
                staff_data["related"].tracking_number,
                "Volt Deals chargers",
            ):
                assert shown in text, shown
    # A saved view sets filters, and Wagtail's own filter button then shows their count.
    saved_view = base + reverse("triage:index") + f"?assignee=null&priority={Priority.URGENT.value}"
    if found := check(page, saved_view, exclude=[WAGTAIL_FILTER_BUTTON], wagtails_own=["label-content-name-mismatch"]):
        problems["queue, Unassigned urgent"] = found
    assert problems == {}


def test_the_importer_screens_have_no_violations_of_ours(page, client, staff_data):
    base = staff_data["base"]
    sign_in_without_the_form(page, client, UserFactory(groups=["Vetting officers"]), base)
    problems = {}
    for name, url in {
        "importer list": reverse("trusted-importers:index"),
        "importer inspect": reverse("trusted-importers:inspect", args=[staff_data["importer"].pk]),
    }.items():
        if found := check(page, base + url):
            problems[name] = found
    assert problems == {}


def test_the_partner_screens_have_no_violations_of_ours(page, client, staff_data):
    base = staff_data["base"]
    sign_in_without_the_form(page, client, UserFactory(groups=["Partner managers"]), base)
    problems = {}
    screens = {
        "partner list": reverse("api-partners:index"),
        "key list": reverse("api-keys:index"),
        "webhook endpoint list": reverse("webhook-endpoints:index"),
    }
    for name, url in screens.items():
        if found := check(page, base + url):
            problems[name] = found
    assert problems == {}


def test_the_article_edit_page_has_no_violations_of_ours(page, client, staff_data):
    base = staff_data["base"]
    sign_in_without_the_form(page, client, UserFactory(groups=["Editors"]), base)
    url = base + reverse("wagtailadmin_pages:edit", args=[staff_data["article"].pk])
    assert check(page, url, exclude=[DRAFTAIL_TEXT_BOX], wagtails_own=["aria-input-field-name"]) == []


def test_the_report_page_layout_has_no_violations_of_ours(page, client, staff_data):
    """The report page as an officer works it: the panel's folded parts open, the message after an action in its
    section, a form back with its error, a referral with its update form, and the narrow (phone) layout."""
    base = staff_data["base"]
    report = staff_data["report"]
    operations.refer(agency="fda", note="Unsafe charger.", user=staff_data["officer"], report=report)
    sign_in_without_the_form(page, client, staff_data["officer"], base)
    url = base + reverse("triage:inspect", args=[report.pk])
    problems = {}

    page.goto(url)
    for fold in ("#refer", "#case", "#duplicate"):
        page.locator(f"{fold} > summary").click()
    if found := axe_violations(page):
        problems["folds open"] = found

    page.locator("#notes textarea").fill("Asked the platform for the seller's other listings.")
    page.get_by_role("button", name="Add note").click()
    page.wait_for_url(url + "#notes")
    page.locator("#notes .triage-feedback").wait_for()
    if found := axe_violations(page):
        problems["after adding a note"] = found

    page.locator("#refer > summary").click()
    page.locator("#refer").get_by_label("Refer to").select_option("ftc")
    page.locator("#refer").get_by_label("Note for the API partner").fill("Nobody reads this.")
    page.get_by_role("button", name="Refer", exact=True).click()
    page.locator("#refer .errorlist").wait_for()
    if found := axe_violations(page):
        problems["a form with an error"] = found

    page.set_viewport_size(PHONE)
    page.goto(url)
    if found := axe_violations(page):
        problems["phone"] = found
    assert problems == {}
