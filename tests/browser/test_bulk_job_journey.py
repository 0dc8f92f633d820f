"""An officer closes every report matching a filter in real Chromium, under the site's Content-Security-Policy:
the job page says it is waiting, the background worker runs it, and the page's live region (role="status")
says it finished without a reload. The job pages pass axe-core."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from outcomes.models import ReportOutcome
from reports.models import Report
from tests.browser_support import axe_violations, sign_in_without_the_form
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_officer_closes_every_matching_report_and_watches_the_job_finish(csp_page, live_server, client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TRIAGE_BULK_BATCH_SIZE = 2
    page = csp_page
    chargers = ProductCategoryFactory(name="Chargers", slug="chargers")
    officer = UserFactory(username="olivia", first_name="Olivia", last_name="Officer", groups=["Triage officers"])
    matching = [ReportFactory(product_category=chargers, marketplace="amazon") for _n in range(3)]
    other = ReportFactory(product_category=chargers, marketplace="ebay")
    base = live_server.url
    sign_in_without_the_form(page, client, officer, base)

    page.goto(base + reverse("triage:index") + "?marketplace=amazon")
    bulk = page.locator("#triage-bulk")
    bulk.get_by_label("Action", exact=True).select_option("status")
    # By name: the filter sidebar's own Status and "Closed because" fields share these ids (id_status...).
    bulk.locator("select[name=status]").select_option("closed")
    bulk.locator("select[name=closed_reason]").select_option("actioned")
    bulk.locator("select[name=outcome]").select_option("listing_removed")  # as closing one report needs
    bulk.get_by_label("Every report matching the current filters and search").check()
    bulk.get_by_role("button", name="Apply", exact=True).click()

    status = page.locator(
        "p[role=status][aria-live=polite]"
    )  # the job's live region (Wagtail has its own for messages)
    expect(status).to_contain_text("Waiting for the background worker")

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    expect(status).to_have_text("Finished: 3 of 3 reports changed.", timeout=20_000)
    expect(page.locator("progress")).to_have_attribute("value", "100")
    assert set(Report.objects.filter(status="closed").values_list("pk", flat=True)) == {r.pk for r in matching}
    assert set(ReportOutcome.objects.values_list("report_id", "code")) == {(r.pk, "listing_removed") for r in matching}
    other.refresh_from_db()
    assert other.status == "new"
    assert page.csp_violations == [] and page.script_errors == []


def test_the_job_pages_pass_axe(page, live_server, client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    chargers = ProductCategoryFactory(name="Chargers", slug="chargers")
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    report = ReportFactory(product_category=chargers)
    base = live_server.url
    sign_in_without_the_form(page, client, officer, base)
    client.post(reverse("triage:bulk"), {"action": "spam", "reports": [report.pk]})
    page.goto(base + reverse("triage-jobs:index"))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Mark reports as spam").click()
    expect(page.locator("p[role=status][aria-live=polite]")).to_contain_text("Waiting for the background worker")
    assert axe_violations(page) == []
