"""What a queue row says about a report (summary, priority and overdue tags, related count), the saved views
above the listing, closed reports hidden by default, and a number of queries that does not grow with the rows."""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.models import Report
from tests.factories import UserFactory
from tests.triage.conftest import make_report
from triage import operations
from triage.related import related_by_signal

pytestmark = pytest.mark.django_db

LONG = (
    "The charger got hot within minutes, the plug bent when I pulled it out and the label says UL but the "
    "number on it does not exist anywhere."
)


def listing(client, **params):
    response = client.get(reverse("triage:index"), params)
    assert response.status_code == 200
    return response.text


def shown(text, reports):
    return {report.tracking_number for report in reports if report.tracking_number in text}


def row(text, report):
    """The words of the listing row for `report`, as a person reads them (tags removed, spaces collapsed)."""
    for match in re.finditer(r"<tr\b.*?</tr>", text, flags=re.DOTALL):
        if report.tracking_number in match.group(0):
            return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(0))).split())
    raise AssertionError(f"{report.tracking_number} is not in the listing")


def row_html(text, report):
    return next(
        m.group(0)
        for m in re.finditer(r"<tr\b.*?</tr>", text, flags=re.DOTALL)
        if report.tracking_number in m.group(0)
    )


def related_cell(text, report):
    """The text of `report`'s cell in the "Related reports" column."""
    headers = re.findall(
        r"<th[^>]*>(.*?)</th>", re.search(r"<thead>.*?</thead>", text, flags=re.DOTALL).group(0), re.DOTALL
    )
    index = next(i for i, header in enumerate(headers) if "Related reports" in header)
    return re.findall(r"<td[^>]*>(.*?)</td>", row_html(text, report), flags=re.DOTALL)[index].strip()


def age(report, days):
    Report.objects.filter(pk=report.pk).update(submitted_at=timezone.now() - timedelta(days=days))


def test_a_row_says_what_was_bought_the_start_of_the_description_and_the_seller(client, officer, chargers):
    report = make_report(
        chargers, brand="Volta", product_name="Fast charger", description=LONG, seller_name="Volt Deals"
    )
    client.force_login(officer)
    words = row(listing(client), report)
    assert "Volta · Fast charger" in words
    assert (
        "The charger got hot within minutes, the plug bent when I pulled it out and the label says UL but the…"
        in words
    )
    assert "number on it" not in words  # the rest of the description is cut, on a word boundary
    assert "Seller: Volt Deals" in words


def test_a_row_without_brand_or_product_names_the_category(client, officer, chargers):
    report = make_report(chargers, description="Short and plain.", seller_name="")
    client.force_login(officer)
    words = row(listing(client), report)
    assert "Chargers — Short and plain." in words and "Seller:" not in words


def test_priority_and_overdue_are_tags_with_words(client, officer, toys_free):
    urgent = make_report(toys_free, harm=True, urgent=True)
    late = make_report(toys_free)
    age(late, 30)
    client.force_login(officer)
    text = listing(client)
    urgent_row = row_html(text, urgent)
    assert re.search(r'class="w-status[^"]*triage-tag--urgent[^"]*">\s*Urgent\s*</span>', urgent_row)
    assert "Overdue" not in row(text, urgent)
    late_row = row_html(text, late)
    assert re.search(r'class="w-status[^"]*triage-tag--overdue[^"]*"[^>]*>Overdue</span>', late_row)


def test_related_count_matches_the_report_pages_groups(client, officer, toys_free):
    report = make_report(
        toys_free, seller_name="Lux-Bags", order_number="A-100", listing_url="https://luxbags.example/bag"
    )
    same_seller = make_report(toys_free, seller_name="  lux-bags ")
    same_order = make_report(toys_free, seller_name="Other", order_number="a100")
    same_shop = make_report(toys_free, seller_name="Third", listing_url="https://luxbags.example/wallet")
    same_marketplace = make_report(toys_free, seller_name="Fourth", listing_url="https://www.amazon.com/dp/1")
    make_report(toys_free, seller_name="Fifth", listing_url="https://www.amazon.com/dp/2")
    loner = make_report(toys_free, seller_name="Nobody Else")
    client.force_login(officer)
    text = listing(client)
    on_report_page = {other.pk for group in related_by_signal(report) for other in group.reports}
    assert on_report_page == {same_seller.pk, same_order.pk, same_shop.pk}
    assert related_cell(text, report) == "3"
    assert related_cell(text, loner) == "0"
    # A shared marketplace domain says nothing about the seller.
    assert related_cell(text, same_marketplace) == "0"


def test_a_busy_shop_reads_as_more_than_the_cap(client, officer, toys_free, monkeypatch):
    monkeypatch.setattr("triage.queue.RELATED_COUNT_CAP", 2)
    reports = [make_report(toys_free, seller_name="Busy Shop") for _ in range(4)]
    client.force_login(officer)
    text = listing(client)
    for report in reports:
        assert related_cell(text, report) == "2+"


@pytest.fixture
def queue(officer, toys_free):
    colleague = UserFactory(username="cole", groups=["Triage officers"])
    reports = {
        "mine": make_report(toys_free),
        "theirs": make_report(toys_free),
        "urgent_free": make_report(toys_free, harm=True, urgent=True),
        "urgent_taken": make_report(toys_free, harm=True, urgent=True),
        "late": make_report(toys_free),
        "closed": make_report(toys_free, seller_name="Closed Seller"),
    }
    operations.assign(reports["mine"], officer, user=officer)
    operations.assign(reports["theirs"], colleague, user=officer)
    operations.assign(reports["urgent_taken"], colleague, user=officer)
    operations.change_status(reports["closed"], "closed", user=officer, closed_reason="spam")
    age(reports["late"], 30)
    for report in reports.values():
        report.refresh_from_db()
    assert reports["urgent_free"].priority == "urgent"
    return reports


def names(text, reports):
    return {name for name, report in reports.items() if report.tracking_number in text}


def saved_view_links(text):
    nav = re.search(r'<ul class="triage-saved-views">.*?</ul>', text, flags=re.DOTALL).group(0)
    return {
        html.unescape(label).strip(): (html.unescape(href), bool(current))
        for href, current, label in re.findall(r'<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>', nav)
    }


def test_saved_views_are_links_with_the_current_one_marked(client, officer, queue):
    client.force_login(officer)
    links = saved_view_links(listing(client))
    assert list(links) == ["Open", "Mine", "Unassigned urgent", "Overdue", "Closed"]
    assert [label for label, (_href, current) in links.items() if current] == ["Open"]
    links = saved_view_links(client.get(links["Unassigned urgent"][0]).text)
    assert [label for label, (_href, current) in links.items() if current] == ["Unassigned urgent"]


@pytest.mark.parametrize(
    "view, expected",
    [
        ("Open", {"mine", "theirs", "urgent_free", "urgent_taken", "late"}),
        ("Mine", {"mine"}),
        ("Unassigned urgent", {"urgent_free"}),
        ("Overdue", {"late"}),
        ("Closed", {"closed"}),
    ],
)
def test_each_saved_view_shows_its_reports(client, officer, queue, view, expected):
    client.force_login(officer)
    url, _current = saved_view_links(listing(client))[view]
    response = client.get(url)
    assert response.status_code == 200
    assert names(response.text, queue) == expected
    assert saved_view_links(response.text)[view][1]


def test_closed_reports_are_hidden_unless_asked_for(client, officer, queue):
    client.force_login(officer)
    closed = queue["closed"].tracking_number
    assert closed not in listing(client)
    assert closed not in listing(client, priority="normal")
    assert closed in listing(client, status="closed")
    assert closed in listing(client, closed_reason="spam")
    assert closed in listing(client, q="Closed Seller")  # a search finds closed reports too


def test_the_listing_makes_the_same_number_of_queries_for_few_or_many_rows(
    client, officer, toys_free, django_assert_max_num_queries
):
    colleague = UserFactory(username="cole", groups=["Triage officers"])
    make_report(toys_free, seller_name="Same")
    client.force_login(officer)
    listing(client)  # warm caches (site, permissions) so both counts compare like with like

    def queries():
        with CaptureQueriesContext(connection) as captured:
            listing(client)
        return len(captured)

    few = queries()
    for number in range(12):
        report = make_report(toys_free, seller_name="Same", order_number=f"O-{number}", brand=f"Brand {number}")
        operations.assign(report, colleague if number % 2 else officer, user=officer)
    many = queries()
    assert many == few
    with django_assert_max_num_queries(few):
        text = listing(client)
    assert text.count("Seller: Same") == 13
