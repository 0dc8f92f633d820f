"""Reading the reports index: reports with a similar narrative, and the queue's text search.

Both answer None when Elasticsearch is not configured or does not answer (search/availability.py decides),
and the caller falls back to the database.
"""

import re

from django.db import connection
from django.db.models.expressions import RawSQL

from reports.receipts import normalize_tracking_number
from search.connection import get_client, index_alias
from search.fallback import with_fallback

from .purchase_numbers import reference_key

# The most ids the queue search takes from Elasticsearch (its default result window).
QUEUE_SEARCH_LIMIT = 10_000
QUEUE_TEXT_FIELDS = ["narrative", "brand^2", "seller_name^2", "listing_words"]


def more_like_this_query(report_id, size=10):
    """A plain query body: reports whose narrative resembles this one's (pure function, see tests)."""
    return {
        "size": size,
        "_source": False,
        "query": {
            "more_like_this": {
                "fields": ["narrative"],
                "like": [{"_index": index_alias("reports"), "_id": str(report_id)}],
                "min_term_freq": 1,
                "min_doc_freq": 1,
                "max_query_terms": 25,
                "minimum_should_match": "30%",
            }
        },
    }


def similar_report_ids(report, size=10):
    response = get_client().search(index=index_alias("reports"), body=more_like_this_query(report.pk, size))
    return [int(hit["_id"]) for hit in response["hits"]["hits"]]


def queue_search_body(text, size=QUEUE_SEARCH_LIMIT):
    """Every word in the narrative, brand, seller or listing address; or the tracking, order or parcel number
    exactly (ranked first)."""
    words = " ".join(re.split(r"[\W_]+", text)).strip()
    should = []
    if words:
        should.append(
            {"multi_match": {"query": words, "fields": QUEUE_TEXT_FIELDS, "type": "cross_fields", "operator": "and"}}
        )
    tracking_number = normalize_tracking_number(text)
    if tracking_number:
        should.append({"term": {"tracking_number": {"value": tracking_number, "boost": 100}}})
    key = reference_key(text)
    if key:
        should.append({"term": {"order_key": {"value": key, "boost": 100}}})
        should.append({"term": {"parcel_key": {"value": key, "boost": 100}}})
    return {
        "size": size,
        "_source": False,
        "track_total_hits": False,
        "query": {"bool": {"should": should, "minimum_should_match": 1}},
    }


def matching_report_ids(text, size=QUEUE_SEARCH_LIMIT):
    """Ids of the reports matching a queue search, best first (exact numbers before words)."""
    # Only the ids come back (up to ten thousand of them): not the index name and score of every hit.
    response = get_client().search(
        index=index_alias("reports"), body=queue_search_body(text, size), filter_path=["hits.hits._id"]
    )
    return [int(hit["_id"]) for hit in response.get("hits", {}).get("hits", [])]


def with_ids(queryset, ids):
    """`queryset` narrowed to the reports `ids` (the queue search's matches, up to ten thousand).

    On PostgreSQL the ids travel as one array parameter: as `IN (%s, %s, ...)` with ten thousand placeholders,
    compiling each of the queue's queries (the count, the page's ids, the estimate) took Django and psycopg
    longer than the database took to answer them.
    """
    if connection.vendor == "postgresql":
        return queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [list(ids)]))
    return queryset.filter(pk__in=ids)


def queue_search_ids(text):
    """The queue search's matches from Elasticsearch, or None: then the caller searches the database."""
    return with_fallback(lambda: matching_report_ids(text), lambda: None, "the queue search")


def similar_reports_ids_or_none(report, size=10):
    return with_fallback(lambda: similar_report_ids(report, size), lambda: None, "similar reports")
