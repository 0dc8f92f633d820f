"""The queue's text search through the reports index (narrative, seller, listing address, brand; tracking,
order and parcel numbers exactly), and the database search when Elasticsearch is away. Real node, real URLs."""

import pytest
from django.urls import reverse

from tests.triage.conftest import make_report
from triage import operations

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]


@pytest.fixture
def reports(toys_free, officer):
    made = {
        "a": make_report(toys_free, description="Stitching fell apart", seller_name="Lux-Bags"),
        "b": make_report(toys_free, marketplace="ShopNow", listing_url="https://example.org/x/1"),
        "c": make_report(toys_free, harm=True, brand="Volta", product_name="Phone charger"),
        "d": make_report(
            toys_free,
            description="Box said order bm 9988 7766 on the label",
            order_number="ZZ-1",
            parcel_tracking_number="1Z 999 AA1 0123 4567 84",
        ),
        "e": make_report(toys_free, description="Sunglasses", order_number="BM-9988 7766"),
    }
    operations.change_status(made["b"], "closed", user=officer, closed_reason="spam")
    return made


def shown(client, reports, query):
    response = client.get(reverse("triage:index"), {"q": query})
    assert response.status_code == 200
    return {key for key, report in reports.items() if report.tracking_number in response.text}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stitching", {"a"}),
        ("stitching apart", {"a"}),  # words anywhere in the narrative, not one phrase
        ("LUX-bags", {"a"}),  # seller
        ("volta", {"c"}),  # brand
        ("volta charger", {"c"}),  # brand and product name together
        ("example.org/x", {"b"}),  # listing address (closed reports show when searching)
        ("bm99887766", {"e"}),  # order number, however it is typed
        ("1Z999AA10123456784", {"d"}),  # parcel number
    ],
)
def test_the_queue_search_uses_the_reports_index(reports_index, reports, client, officer, query, expected):
    reports_index.refresh()
    client.force_login(officer)
    assert shown(client, reports, query) == expected


def test_the_answer_comes_from_the_index_not_the_database(reports_index, reports, client, officer):
    """A change made behind the outbox's back (a raw update) shows which side answered: the index still holds
    the old words, so the queue finds the report by them only if it asked Elasticsearch."""
    from reports.models import Report

    reports_index.refresh()
    Report.objects.filter(pk=reports["a"].pk).update(description="Zipper broke")
    client.force_login(officer)
    assert shown(client, reports, "stitching") == {"a"}


def test_the_index_holds_what_the_search_needs_and_no_contact_details(reports_index, reports):
    source = reports_index.source(reports["d"].pk)
    assert source["order_key"] == "zz1" and source["parcel_key"] == "1z999aa10123456784"
    assert "bm 9988 7766" in source["narrative"]
    source = reports_index.source(reports["b"].pk)
    assert source["listing_words"] == "https example org x 1"
    assert reports_index.source(reports["a"].pk)["seller_name"] == "Lux-Bags"
    assert not {"name", "email", "phone", "contact"} & set(source)


def test_the_database_answers_when_the_cluster_does_not(reports_index, reports, client, officer, settings):
    reports_index.refresh()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    client.force_login(officer)
    assert shown(client, reports, "stitching") == {"a"}
    assert shown(client, reports, "bm99887766") == {"e"}
    assert shown(client, reports, "stitching apart") == {"a"}  # PostgreSQL full-text (or every word on SQLite)
