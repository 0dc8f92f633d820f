"""The queue's search on the database (Elasticsearch off): PostgreSQL full-text search with its GIN index, or
`icontains` on SQLite. Both find the same everyday searches through the queue's URL."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from reports.models import Report
from tests.triage.conftest import make_report
from triage.finding import database_search, full_text_query
from triage.models import TriageReport

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
on_sqlite = pytest.mark.skipif(connection.vendor == "postgresql", reason="the icontains fallback")


@pytest.fixture
def reports(toys_free):
    return {
        "charger": make_report(
            toys_free,
            description="The charger melted the plug and smelled of burning plastic.",
            seller_name="Volt-King",
            listing_url="https://cheap-volts.example/item/42",
            brand="Voltex",
            order_number="ORD-5566",
        ),
        "bag": make_report(
            toys_free,
            description="Stitching fell apart after two days; the logo is misspelled.",
            seller_name="Lux Bags Outlet",
            listing_url="https://luxbags.example/bag-1",
            parcel_tracking_number="9400 1111 2222 3333",
        ),
    }


def found(client, query):
    response = client.get(reverse("triage:index"), {"q": query})
    assert response.status_code == 200
    return response.text


def shown(client, reports, query):
    text = found(client, query)
    return {key for key, report in reports.items() if report.tracking_number in text}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("melted", {"charger"}),
        ("burning plastic", {"charger"}),
        ("Volt-King", {"charger"}),
        ("voltex", {"charger"}),
        ("luxbags.example", {"bag"}),
        ("stitching misspelled", {"bag"}),
        ("ord 5566", {"charger"}),  # an order number, however it is typed
        ("9400-1111-2222-3333", {"bag"}),  # a parcel number
        ("melted stitching", set()),  # every word must be there
    ],
)
def test_everyday_searches_find_the_same_on_both_databases(client, officer, reports, query, expected):
    client.force_login(officer)
    assert shown(client, reports, query) == expected


@on_postgresql
def test_postgresql_matches_word_forms_not_pieces_of_words(client, officer, reports):
    client.force_login(officer)
    assert shown(client, reports, "melts") == {"charger"}  # English stemming: melts, melted, melting
    assert shown(client, reports, "stitches") == {"bag"}
    assert shown(client, reports, "stitch") == {"bag"}
    assert shown(client, reports, "charg") == set()  # not a word: no substring matching
    # Part of an address matches from its start.
    assert shown(client, reports, "cheap-volts.example/item") == {"charger"}


@on_postgresql
def test_the_search_column_follows_edits(reports):
    report = reports["bag"]
    Report.objects.filter(pk=report.pk).update(description="A counterfeit watch that stopped at once.")
    ids = set(database_search(TriageReport.objects.all(), "watch").values_list("pk", flat=True))
    assert ids == {report.pk}
    assert not database_search(TriageReport.objects.all(), "stitching").exists()


@on_postgresql
def test_the_search_uses_its_gin_index(reports):
    queryset = database_search(TriageReport.objects.order_by(), "melted plug").values("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "report_search_document_idx" in plan


@on_sqlite
def test_sqlite_matches_pieces_of_words(client, officer, reports):
    client.force_login(officer)
    assert shown(client, reports, "charg") == {"charger"}
    assert shown(client, reports, "volt-k") == {"charger"}


def test_search_words_cannot_inject_query_syntax():
    terms = full_text_query("melted & !charger | 'x':* <-> (y) \\'").split(" & ")
    assert terms[:2] == ["'melted'", "'charger'"]
    assert all(re.fullmatch(r"'[\w.@/-]+'", term) for term in terms)
    assert full_text_query("example.org/x") == "'example.org/x':*"
    assert full_text_query("  ") == ""


def test_a_search_of_only_symbols_is_not_an_error(client, officer, reports):
    client.force_login(officer)
    assert shown(client, reports, "&& || !!") == set()
