"""Finding a report by the numbers people quote: our tracking number, the order number, the parcel number.

A tracking number matches however it is typed (`CF-7KQ2-XW9T`, `cf7kq2xw9t`, `7kq2-xw9t`); order and parcel
numbers match exactly once spaces, dashes and case are set aside (the keys triage/state.py stores).

`database_search` is the queue's search on the database: on PostgreSQL, full-text search over the stored
`search_document` column (narrative, seller, listing address and brand; GIN-indexed, see triage migration
0006), every word matching (see full_text_query); elsewhere (SQLite) `icontains` over the same fields.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from reports.receipts import normalize_tracking_number

from .models import TriageReport, TriageState
from .purchase_numbers import reference_key

SEARCH_FIELDS = ["description", "seller_name", "listing_url", "brand"]
# What a word of a search may hold: letters, digits and the . @ / - inside addresses and names (never a quote
# or an operator). At most 10 words.
NOT_IN_WORD = re.compile(r"[^\w.@/-]+")
MAX_WORDS = 10
# Reports found by an exact order or parcel number, at most (a number shared by more is not a search).
MAX_NUMBER_MATCHES = 1000


def exact_number_q(text, as_id_list=False):
    """Reports whose tracking, order or parcel number is `text`; an empty match when it cannot be one.

    `as_id_list`: the order and parcel matches are looked up first (indexed) as a list of ids, so the database
    can combine them with the full-text index instead of joining every report.
    """
    query = Q(pk__in=[])
    tracking_number = normalize_tracking_number(text)
    if tracking_number:
        query |= Q(tracking_number=tracking_number)
    key = reference_key(text)
    if key and as_id_list:
        ids = TriageState.objects.filter(Q(order_key=key) | Q(parcel_key=key)).values_list("report_id", flat=True)
        query |= Q(pk__in=list(ids[:MAX_NUMBER_MATCHES]))
    elif key:
        query |= Q(triage__order_key=key) | Q(triage__parcel_key=key)
    return query


def full_text_query(text):
    """`Melted chargers example.org/x` -> `'Melted' & 'chargers' & 'example.org/x':*`.

    Every word must be there, as PostgreSQL's English configuration stems it (`melted` finds "melt", "melts").
    A word holding a dot or a slash is part of an address and matches as a prefix (`example.org/x` finds
    https://example.org/x/1). Other words match whole: prefixes of common words match most reports, which the
    planner cannot estimate, and made a search take seconds at a million reports.
    """
    terms = []
    for word in text.split()[:MAX_WORDS]:
        word = NOT_IN_WORD.sub("", word)
        if word:
            terms.append(f"'{word}':*" if "." in word or "/" in word else f"'{word}'")
    return " & ".join(terms)


def database_search(queryset, text, fields=None):
    """The queue's search without Elasticsearch: full-text on PostgreSQL, `icontains` on other databases."""
    if connection.vendor != "postgresql":
        return queryset.filter(queue_search_q(text, fields or SEARCH_FIELDS))
    query = exact_number_q(text, as_id_list=True)
    terms = full_text_query(text)
    if terms:
        queryset = queryset.alias(
            search_document=RawSQL('"reports_report"."search_document"', [], output_field=SearchVectorField())
        )
        query |= Q(search_document=SearchQuery(terms, config="english", search_type="raw"))
    return queryset.filter(query)


def queue_search_q(text, fields):
    """The queue search without full-text search: every word is in one of `fields` (any part of it, case
    aside), or the whole text is a tracking, order or parcel number."""
    words = text.split()[:MAX_WORDS]
    if not words:
        return exact_number_q(text)
    every_word = Q()
    for word in words:
        in_a_field = Q(pk__in=[])
        for field in fields:
            in_a_field |= Q(**{f"{field}__icontains": word})
        every_word &= in_a_field
    return exact_number_q(text) | every_word


def report_by_tracking_number(text):
    """The report with this tracking number, however it was typed, or None."""
    tracking_number = normalize_tracking_number(text)
    if not tracking_number:
        return None
    return TriageReport.objects.filter(tracking_number=tracking_number).first()
