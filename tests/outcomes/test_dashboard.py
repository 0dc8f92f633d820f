"""The public statistics dashboard at /statistics/ and /es/statistics/: charts with their tables, the quarter's
summary, outcome counts under the small-count rule, and the CSV downloads."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from reports.statistics import complete_weeks
from tests.reports.factories import ReportFactory

from .conftest import closed_with, sent_on

pytestmark = pytest.mark.django_db


def page(client, path="/statistics/"):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table_of(soup, chart_id):
    section = soup.select_one(f"section[aria-labelledby=chart-{chart_id}]")
    return {tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in section.select("table tbody tr") if tr.td}


@pytest.fixture
def outcomes_last_quarter(officer, chargers, last_quarter):
    """6 shipments seized, 5 listings removed and 2 penalties (action); 3 'no action' (other outcomes)."""
    start, _end = last_quarter
    for code, count in [("shipment_seized", 6), ("listing_removed", 5), ("penalty", 2), ("no_action", 3)]:
        for _n in range(count):
            closed_with(code, user=officer, category=chargers, sent=start, acted=start + timedelta(days=3))


def test_outcome_counts_follow_the_small_count_rule(client, outcomes_last_quarter):
    soup = page(client)
    actions = table_of(soup, "actions")
    # Penalties (2) join "Other", which then takes the smallest named row (5 listings removed): 7.
    assert actions == {"Shipment seized": "6", "Other outcomes": "7"}
    # 3 "no action": the whole group is below 5 and shows no number.
    assert "fewer than 5" in soup.select_one("section[aria-labelledby=outcomes-heading]").get_text()
    text = soup.get_text(" ")
    assert "Reports led to action 13 times" in text
    for hidden in ("Penalty", "No action"):
        assert hidden not in str(soup.select_one("section[aria-labelledby=outcomes-heading]"))


def test_the_outcomes_csv_writes_suppressed_counts_as_less_than_five(client, outcomes_last_quarter, last_quarter):
    response = client.get("/statistics/outcomes.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    latest = [r for r in rows if r["quarter_start"] == last_quarter[0].isoformat()]
    assert {(r["group"], r["value"], r["count"]) for r in latest} == {
        ("led_to_action", "total", "13"),
        ("led_to_action", "shipment_seized", "6"),
        ("led_to_action", "other", "7"),
        ("no_action_or_referred", "total", "<5"),
        ("no_action_or_referred", "other", "<5"),
    }


def test_the_dashboard_shows_each_chart_with_its_table_and_the_downloads(client, chargers, outcomes_last_quarter):
    monday = complete_weeks(1)[0]
    for _n in range(6):
        sent_on(ReportFactory(product_category=chargers), monday + timedelta(days=2))
    soup = page(client)
    charts = soup.select("figure svg[role=img]")
    assert len(charts) == 6
    for svg in charts:
        caption = soup.find(id=svg["aria-labelledby"])
        assert "The table below holds the same numbers." in caption.text
    # The weekly numbers the API publishes, as tables beside the charts.
    weeks = table_of(soup, "weeks")
    assert len(weeks) == 12 and list(weeks.values())[-1] == "6"
    assert table_of(soup, "category") == {"Chargers": "6"}
    links = [a["href"] for a in soup.select("section[aria-labelledby=downloads-heading] a")]
    assert "/api/v1/statistics/weekly.csv?weeks=52" in links and "/statistics/outcomes.csv" in links
    assert client.get("/api/v1/statistics/weekly.csv?weeks=52").status_code == 200
    assert "/statistics/" in [a["href"] for a in soup.select("footer a")]


def test_the_dashboard_is_in_spanish_at_es(client, outcomes_last_quarter):
    soup = page(client, "/es/statistics/")
    assert soup.html["lang"] == "es"
    assert soup.h1.get_text(strip=True) == "Estadísticas de reportes"
    assert table_of(soup, "actions") == {"Envío incautado": "6", "Otros resultados": "7"}
    assert "/es/statistics/outcomes.csv" in [a["href"] for a in soup.select("a")]


def test_with_no_data_nothing_breaks_and_no_number_is_shown(client):
    soup = page(client)
    assert "Fewer than 5 reports led to action that we can count." in soup.get_text(" ")


@pytest.mark.parametrize(
    ("path", "records"),
    [("/statistics/", "/marketplaces/response-records/"), ("/es/statistics/", "/es/marketplaces/response-records/")],
)
def test_the_dashboard_links_to_the_marketplaces_response_records(client, path, records):
    link = page(client, path).find("a", href=records)
    assert link is not None
    assert client.get(records).status_code == 200
