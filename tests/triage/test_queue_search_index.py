"""The queue's text search filtered, sorted and paged by the reports index (triage/queue_search.py), on the real
Elasticsearch and PostgreSQL (or SQLite), through the queue's URL: the same reports in the same order as the
database search that answers when the cluster is away, whatever the filter and the sorted column; filters that
follow a report's changes once the outbox has sent them; and pages that follow each other."""

import logging
import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Attachment, Report
from tests.factories import UserFactory
from tests.triage.conftest import make_report
from triage import operations

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]

TRACKING_NUMBER = re.compile(r"CF-[0-9A-Z]{4}-[0-9A-Z]{4}")
DEAD_CLUSTER = "http://127.0.0.1:9"
ORDERINGS = [
    None,  # the queue's own order: priority, then oldest
    "priority_rank",
    "-priority_rank",
    "status",
    "-status",
    "tracking_number",
    "-tracking_number",
    "-submitted_at",  # the age column: newest first
    "--submitted_at",  # the age column reversed, as its header links it
    "marketplace",
    "-marketplace",
]


@pytest.fixture
def helper(db):
    return UserFactory(username="hal", groups=["Triage officers"])


@pytest.fixture
def chargers_reports(toys_free, chargers, officer, helper):
    """Sixteen reports about a melted charger (and two about something else), with priorities, statuses,
    marketplaces, categories, countries, files, assignees and ages spread so that every sort has ties."""
    now = timezone.now()
    made = []
    for n in range(16):
        report = make_report(
            chargers if n % 3 else toys_free,
            description=f"The charger melted after {n} days" if n != 5 else "Melted charger, smoke everywhere",
            marketplace=["ShopNow", "shopnow", "BargainMart", ""][n % 4],
            shipped_from_country=["CN", "MX", "VN"][n % 3],
            harm=n % 4 == 0,
        )
        made.append(report)
    for n, report in enumerate(made):
        Report.objects.filter(pk=report.pk).update(
            priority=["urgent", "high", "normal", "low"][n % 4 if n < 12 else 2],
            status=["new", "in_review", "needs_info", "referred", "new", "closed"][n % 6],
            closed_reason="actioned" if n % 6 == 5 else "",
            # Pairs of reports submitted at the same instant: the id decides between them on both sides.
            submitted_at=now - timedelta(days=40 - (n // 2) * 3),
        )
    for report in made[:4]:
        attach(report)
    for report in made[::3]:
        operations.assign(report, officer, user=officer)
    operations.assign(made[1], helper, user=officer)
    operations.add_note(made[2], "Looked at it", user=officer)
    for text in ("Sunglasses with a wrong logo", "Handbag stitching"):
        make_report(toys_free, description=text)
    return made


def attach(report):
    Attachment.objects.create(
        report=report, file=f"reports/{report.pk}.png", content_type="image/png", size=10, sha256="0" * 64
    )


def listed(client, params):
    """The tracking numbers of the reports the queue shows, in the order it shows them."""
    response = client.get(reverse("triage:index"), params)
    assert response.status_code == 200
    reports = set(Report.objects.values_list("tracking_number", flat=True))  # not the example in the help text
    return [
        number for number in dict.fromkeys(TRACKING_NUMBER.findall(response.content.decode())) if number in reports
    ]


def from_both_sides(client, settings, params):
    with assert_no_fallback():
        from_index = listed(client, params)
    settings.ELASTICSEARCH_URL = DEAD_CLUSTER
    from_database = listed(client, params)
    return from_index, from_database


@contextmanager
def assert_no_fallback():
    """The index answered: search/fallback.py logs a warning whenever the database had to."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("search.fallback")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    assert not records, [record.getMessage() for record in records]


def index_everything(reports_index):
    """The fixture's reports were changed with update(), behind the outbox's back: a rebuild indexes them."""
    reports_index.rebuild()
    reports_index.refresh()


def reindex(reports_index):
    """What the background worker does after each change: send the outbox, then make it searchable."""
    reports_index.catch_up()
    reports_index.refresh()


def test_each_sort_of_a_filtered_search_lists_the_same_reports_as_the_database(
    reports_index, chargers_reports, client, officer, settings, elasticsearch_url
):
    index_everything(reports_index)
    client.force_login(officer)
    for ordering in ORDERINGS:
        params = {"q": "melted charger", "status": ["new", "in_review", "closed"], "closed_reason": ""}
        if ordering:
            params["ordering"] = ordering
        settings.ELASTICSEARCH_URL = elasticsearch_url
        from_index, from_database = from_both_sides(client, settings, params)
        assert len(from_index) >= 8, ordering
        assert from_index == from_database, ordering


ALL_OF_THEM = {"q": "charger", "status": ["new", "in_review", "needs_info", "referred", "closed"]}


FILTERS = [
    {"q": "charger"},  # closed reports stay out unless asked for
    ALL_OF_THEM,
    {"q": "charger", "closed_reason": "actioned"},
    {"q": "charger", "priority": ["urgent", "low"]},
    {"q": "charger", "product_category": "chargers"},  # replaced by its id in the test
    {"q": "charger", "marketplace": "SHOPN"},  # any part of it, case aside
    {"q": "charger", "shipped_from_country": "MX"},
    {"q": "charger", "harm": "true"},
    {"q": "charger", "harm": "false"},
    {"q": "charger", "has_attachments": "true"},
    {"q": "charger", "has_attachments": "false"},
    {"q": "charger", "assignee": "officer"},  # replaced by the officer's id
    {"q": "charger", "assignee": "null"},  # nobody
    {"q": "charger", "overdue": "true"},
    {"q": "charger", "overdue": "false"},
    {"q": "charger", "submitted_at_from": "days ago 31", "submitted_at_to": "days ago 20"},
    {"q": "melted", "priority": ["normal"], "ordering": "marketplace"},
]


def test_each_filter_of_a_search_keeps_the_same_reports_as_the_database(
    reports_index, chargers_reports, client, officer, chargers, settings, elasticsearch_url
):
    index_everything(reports_index)
    client.force_login(officer)
    everything = len(listed(client, ALL_OF_THEM))
    for filters in FILTERS:
        settings.ELASTICSEARCH_URL = elasticsearch_url
        check_filter(client, settings, filters, chargers, officer, everything)


def check_filter(client, settings, filters, chargers, officer, everything):
    params = dict(filters)
    if "product_category" in params:
        params["product_category"] = chargers.pk
    if params.get("assignee") == "officer":
        params["assignee"] = officer.pk
    for name in ("submitted_at_from", "submitted_at_to"):
        if name in params:
            days = int(params[name].split()[-1])
            params[name] = (timezone.localdate() - timedelta(days=days)).isoformat()
    from_index, from_database = from_both_sides(client, settings, params)
    assert from_index == from_database, filters
    assert 0 < len(from_index) < everything or filters in ({"q": "charger"}, ALL_OF_THEM), filters


def test_pages_of_a_search_follow_each_other_in_the_queue_order(
    reports_index, chargers_reports, client, officer, settings
):
    settings.TRIAGE_QUEUE_PAGE_SIZE = 3
    index_everything(reports_index)
    client.force_login(officer)
    everything = {"q": "charger", "status": ALL_OF_THEM["status"], "ordering": "-submitted_at"}
    settings.TRIAGE_QUEUE_PAGE_SIZE = 100
    whole_list = listed(client, everything)
    settings.TRIAGE_QUEUE_PAGE_SIZE = 3
    pages = [listed(client, {**everything, "p": number}) for number in range(1, 7)]
    assert len(whole_list) == 16
    assert [len(page) for page in pages] == [3, 3, 3, 3, 3, 1]
    assert sum(pages, []) == whole_list
    assert listed(client, {**everything, "p": 40}) == pages[-1]  # past the end: the last page
    assert listed(client, {**everything, "p": "two"}) == pages[0]
    assert listed(client, {**everything, "p": 10**6}) == pages[-1]  # never past the index's result window
    response = client.get(reverse("triage:index"), {**everything, "p": 2})
    assert "16 reports" in response.content.decode()
    settings.ELASTICSEARCH_URL = DEAD_CLUSTER
    assert listed(client, {**everything, "p": 2}) == pages[1]


def searched(client, params):
    return set(listed(client, params))


def test_a_change_on_the_report_page_reaches_the_filtered_search(
    reports_index, chargers_reports, client, officer, helper
):
    report = chargers_reports[4]  # new, urgent, assigned to nobody
    index_everything(reports_index)
    client.force_login(officer)
    assert report.tracking_number not in searched(client, {"q": "charger", "assignee": helper.pk})
    urls = {name: reverse(f"triage:{name}", args=[report.pk]) for name in ("assign", "status", "priority")}
    assert client.post(urls["assign"], {"assignee": helper.pk}).status_code == 302
    assert client.post(urls["status"], {"status": "needs_info"}).status_code == 302
    assert client.post(urls["priority"], {"priority": "low", "reason": "Only a label"}).status_code == 302
    reindex(reports_index)

    found = searched(client, {"q": "charger", "assignee": helper.pk, "status": "needs_info", "priority": "low"})
    assert report.tracking_number in found
    assert report.tracking_number not in searched(client, {"q": "charger", "assignee": officer.pk})
    assert report.tracking_number not in searched(client, {"q": "charger", "priority": "urgent"})


def test_a_bulk_job_reaches_the_filtered_search(reports_index, chargers_reports, client, officer, helper):
    index_everything(reports_index)
    client.force_login(officer)
    ticked = [report.pk for report in chargers_reports[6:9]]
    for fields in ({"action": "assign", "assignee": helper.pk}, {"action": "status", "status": "referred"}):
        response = client.post(reverse("triage:bulk"), {**fields, "scope": "selected", "reports": ticked})
        assert response.status_code == 302
    reindex(reports_index)

    found = searched(client, {"q": "charger", "assignee": helper.pk, "status": "referred"})
    assert {report.tracking_number for report in chargers_reports[6:9]} <= found
    assert chargers_reports[1].tracking_number not in found  # the helper's, but not referred


def test_other_paths_reach_the_filtered_search(reports_index, chargers_reports, client, officer, helper):
    """A reporter's later files, a priority raised by a related report, a deleted officer's reports."""
    from reports.submission import add_information
    from triage import state

    report = chargers_reports[10]  # no files, normal priority
    helper_report = chargers_reports[1]
    index_everything(reports_index)
    client.force_login(officer)
    attach(report)
    add_information(report, "Here is the label", [])
    Report.objects.filter(pk=report.pk).update(harm=True)  # a harm makes the priority urgent
    state.recompute_priority(Report.objects.get(pk=report.pk))
    helper.delete()
    reindex(reports_index)

    assert report.tracking_number in searched(client, {"q": "charger", "has_attachments": "true"})
    assert report.tracking_number in searched(client, {"q": "charger", "priority": "urgent"})
    assert helper_report.tracking_number in searched(client, {"q": "charger", "assignee": "null"})
