"""Reading the reports index: reports with a similar narrative, and what the queue's text search looks for (the
search itself, with the queue's filters, order and paging, is triage/queue_search.py).

Similar reports answer None when Elasticsearch is not configured or does not answer (search/availability.py decides),
and the caller falls back to the database.
"""

import re

from reports.receipts import normalize_tracking_number
from search.connection import get_client, index_alias
from search.fallback import with_fallback

from .purchase_numbers import reference_key

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


def text_query(text):
    """Every word in the narrative, brand, seller or listing address; or the tracking, order or parcel number
    exactly. A filter: the queue orders the matches by its columns (triage/queue_search.py), not by score."""
    words = " ".join(re.split(r"[\W_]+", text)).strip()
    should = []
    if words:
        should.append(
            {"multi_match": {"query": words, "fields": QUEUE_TEXT_FIELDS, "type": "cross_fields", "operator": "and"}}
        )
    tracking_number = normalize_tracking_number(text)
    if tracking_number:
        should.append({"term": {"tracking_number": tracking_number}})
    key = reference_key(text)
    if key:
        should.append({"term": {"order_key": key}})
        should.append({"term": {"parcel_key": key}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def similar_reports_ids_or_none(report, size=10):
    return with_fallback(lambda: similar_report_ids(report, size), lambda: None, "similar reports")
