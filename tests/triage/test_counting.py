"""Counts in the queue: exact up to a cap, then "about ..." (PostgreSQL's estimate) or "more than ..."."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from tests.triage.conftest import make_report
from triage.counting import CappedCount, capped_count
from triage.models import TriageReport


@pytest.mark.parametrize(
    "count, text",
    [
        (CappedCount(1), "1 report"),
        (CappedCount(234), "234 reports"),
        (CappedCount(1000, capped=True, estimate=1_234_567), "about 1.2 million reports"),
        (CappedCount(1000, capped=True, estimate=45_678), "about 46,000 reports"),
        (CappedCount(1000, capped=True), "more than 1,000 reports"),
    ],
)
def test_the_wording(count, text):
    assert count.reports() == text


@pytest.mark.django_db
def test_a_count_stops_at_the_cap(toys_free):
    for _ in range(4):
        make_report(toys_free)
    assert capped_count(TriageReport.objects.all(), cap=10) == CappedCount(4)
    capped = capped_count(TriageReport.objects.all(), cap=2)
    assert capped.capped and capped.number == 2
    if connection.vendor != "postgresql":
        assert capped.estimate is None and capped.reports() == "more than 2 reports"


@pytest.mark.django_db
def test_the_queue_says_when_it_did_not_count_everything(client, officer, toys_free, monkeypatch):
    for _ in range(3):
        make_report(toys_free)
    make_report(toys_free, seller_name="Unique Seller")
    client.force_login(officer)
    text = client.get(reverse("triage:index")).text
    assert re.search(r"In the queue:\s*4 reports", text)
    assert "The pages show the first" not in text
    # Filtering or searching: "Found: ...".
    assert re.search(r"Found:\s*1 report\b", client.get(reverse("triage:index"), {"q": "unique seller"}).text)

    monkeypatch.setattr("triage.counting.COUNT_CAP", 2)
    monkeypatch.setattr("triage.counting.PAGED_ROWS", 3)
    text = client.get(reverse("triage:index")).text
    # Past the cap: the planner's estimate on PostgreSQL ("about ..."), otherwise "more than 2".
    assert re.search(r"In the queue:\s*(more than 2|about [\d,.]+( million)?) reports", text)
    # The status counts say it the same way.
    assert re.search(r"New</a>: <strong>(more than 2|about [\d,.]+( million)?)</strong>", text)
    if connection.vendor != "postgresql":
        # Without an estimate, the pages cover the counted rows and the list says how to reach the others.
        assert "The pages show the first 2 reports in this order" in text
