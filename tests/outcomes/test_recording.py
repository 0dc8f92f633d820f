"""Officers record an outcome when a report closes (the status form on its page) or when its case closes."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry

from outcomes import recording
from outcomes.models import CaseOutcome, ReportOutcome
from tests.reports.factories import ReportFactory
from triage import operations
from triage.models import Case
from triage.operations import as_logged

pytestmark = pytest.mark.django_db


def close(client, report, **fields):
    return client.post(reverse("triage:status", args=[report.pk]), {"status": "closed", **fields})


def test_closing_a_report_records_its_outcome_with_date_and_reference_on_the_timeline(client, officer, report):
    client.force_login(officer)
    response = close(
        client,
        report,
        outcome="shipment_seized",
        outcome_date="2026-11-02",
        outcome_reference="SZ-2026-0042",
    )
    assert response.status_code == 302
    report.refresh_from_db()
    # The reason follows from the outcome when the officer leaves it empty.
    assert (report.status, report.closed_reason) == ("closed", "actioned")
    outcome = report.enforcement_outcome
    assert (outcome.code, outcome.action_date, outcome.reference, outcome.recorded_by) == (
        "shipment_seized",
        datetime.date(2026, 11, 2),
        "SZ-2026-0042",
        officer,
    )
    assert outcome.led_to_action and outcome.product_category_id == report.product_category_id
    entry = ModelLogEntry.objects.for_instance(as_logged(report)).get(action="outcomes.record")
    assert entry.user == officer and entry.data["reference"] == "SZ-2026-0042"
    page = client.get(reverse("triage:inspect", args=[report.pk])).content.decode()
    assert "Outcome recorded: Shipment seized (action on 2026-11-02) (reference SZ-2026-0042)" in page
    facts = BeautifulSoup(page, "html.parser").select_one("#actions").get_text(" ", strip=True)
    assert "Outcome Shipment seized" in facts and "reference SZ-2026-0042" in facts


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"closed_reason": "actioned"}, "outcome", "Choose the outcome: what came of the report."),
        ({"closed_reason": "no_action"}, "outcome", "Choose the outcome: what came of the report."),
        ({"closed_reason": "spam", "outcome": "no_action"}, "outcome", "has no outcome"),
        ({"closed_reason": "no_action", "outcome": "listing_removed"}, "outcome", "goes with the reason"),
        ({"outcome": "penalty", "outcome_date": "2099-01-01"}, "outcome_date", "cannot be in the future"),
        ({"status": "in_review", "outcome": "penalty"}, "outcome", "only when the report is closed"),
    ],
)
def test_an_outcome_that_does_not_fit_is_refused_and_nothing_is_saved(client, officer, report, fields, field, message):
    client.force_login(officer)
    response = close(client, report, **fields)
    assert response.status_code == 400
    status_form = BeautifulSoup(response.content, "html.parser").select_one(f"#actions form:has(#id_{field})")
    assert message in status_form.get_text(" ")
    report.refresh_from_db()
    assert report.status == "new"
    assert not ReportOutcome.objects.exists()


def test_spam_and_duplicates_still_close_without_an_outcome(client, officer, report):
    client.force_login(officer)
    assert close(client, report, closed_reason="spam").status_code == 302
    report.refresh_from_db()
    assert (report.status, report.closed_reason) == ("closed", "spam")
    assert not ReportOutcome.objects.exists()


def test_closing_a_case_records_the_outcome_on_its_reports(client, officer, chargers):
    open_one, already, spam = (ReportFactory(product_category=chargers) for _ in range(3))
    recording.close_report(already, "listing_removed", user=officer)
    operations.change_status(spam, "closed", user=officer, closed_reason="spam")
    case = operations.link_to_case([open_one, already, spam], user=officer, title="Hot chargers from one seller")
    client.force_login(officer)
    response = client.post(
        reverse("outcomes_case_close", args=[case.pk]),
        {"outcome": "seller_suspended", "outcome_reference": "MP-77"},
    )
    assert response.status_code == 302
    assert CaseOutcome.objects.get(case=case).code == "seller_suspended"
    for report in (open_one, already, spam):
        report.refresh_from_db()
    assert (open_one.status, open_one.closed_reason) == ("closed", "actioned")
    assert (open_one.enforcement_outcome.code, open_one.enforcement_outcome.case) == ("seller_suspended", case)
    # A report's own outcome stays; spam gets none.
    assert already.enforcement_outcome.code == "listing_removed"
    assert not ReportOutcome.objects.filter(report=spam).exists()
    assert ModelLogEntry.objects.for_instance(case).filter(action="outcomes.case_close").count() == 1
    page = client.get(reverse("triage-cases:inspect", args=[case.pk]), follow=True).content.decode()
    assert "recorded on 1 report(s), 1 closed" in page
    assert "Seller suspended" in page and "reference MP-77" in page
    timeline = client.get(reverse("triage:inspect", args=[open_one.pk])).content.decode()
    assert (
        "Outcome recorded: Seller suspended (reference MP-77) (with case “Hot chargers from one seller”)" in timeline
    )


def test_a_case_closed_without_an_outcome_shows_the_form_again(client, officer, report):
    case = Case.objects.create(title="One report", created_by=officer)
    case.reports.add(report)
    client.force_login(officer)
    response = client.post(reverse("outcomes_case_close", args=[case.pk]), {"outcome_reference": "X-1"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert 'value="X-1"' in response.content.decode()
    assert not CaseOutcome.objects.exists() and not ReportOutcome.objects.exists()


def test_only_officers_who_may_change_reports_close_cases(client, editor, report):
    case = Case.objects.create(title="One report")
    client.force_login(editor)
    response = client.post(reverse("outcomes_case_close", args=[case.pk]), {"outcome": "no_action"})
    assert response.status_code in (302, 403)
    assert not CaseOutcome.objects.exists()
