"""The queue's text search answered by the reports index: Elasticsearch filters, sorts and pages the matches,
and hands back the ids of one page (50 reports) and how many matched; the database then loads those 50 rows.

Before, the cluster returned up to 10,000 matching ids and PostgreSQL filtered, sorted and paged them: at a
million reports a common word cost 0.5 s, and a search matching more than 10,000 reports only ever showed the
best-scored 10,000 of them. Here every match takes part in the order, whatever their number.

The database search (triage/finding.py, when Elasticsearch is away) gives the same reports in the same order:
both sides sort by the full orders in SEARCH_ORDERS, which end with the report id, so no two reports tie.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from conversations.staff import answered_report_ids
from reports.choices import Priority, Status
from search.connection import get_client, index_alias

from .counting import PAGED_ROWS, CappedCount, CappedPaginator
from .report_search import text_query

# Model field (as the queue orders by it) -> field of the reports index (triage/documents.py).
INDEX_FIELDS = {
    "priority_rank": "priority_rank",
    "submitted_at": "submitted_at",
    "status": "status",
    "tracking_number": "tracking_number",
    "marketplace": "marketplace_entered",
    "pk": "report_id",
}
# What follows the column an officer sorts by, in the same direction: the queue's own order, then the id.
TIE_BREAKERS = ("priority_rank", "submitted_at", "pk")


def search_order(ordering):
    """The full order of a search: `"marketplace"` -> `("marketplace", "priority_rank", "submitted_at", "pk")`;
    `"-status"` -> `("-status", "-priority_rank", "-submitted_at", "-pk")`. The same on both sides."""
    fields = list(ordering) if isinstance(ordering, (list, tuple)) else [ordering]
    fields = [field.removeprefix("--") for field in fields]  # a column sorted newest first, reversed
    descending = fields[0].startswith("-")
    named = {field.lstrip("-") for field in fields}
    fields += [f"-{field}" if descending else field for field in TIE_BREAKERS if field not in named]
    return tuple(fields)


def index_sort(order):
    """search_order(...) as Elasticsearch's sort: [{"priority_rank": "asc"}, ...]."""
    return [{INDEX_FIELDS[field.lstrip("-")]: "desc" if field.startswith("-") else "asc"} for field in order]


def _overdue(now):
    """triage.queue.overdue_q for the index: untouched, older than its target, not closed."""
    urgent_cutoff = now - timedelta(days=settings.TRIAGE_TARGET_DAYS_URGENT)
    other_cutoff = now - timedelta(days=settings.TRIAGE_TARGET_DAYS)
    urgent = {"term": {"priority": Priority.URGENT.value}}
    return {
        "bool": {
            "must_not": [{"exists": {"field": "first_action_at"}}, {"term": {"status": Status.CLOSED.value}}],
            "should": [
                {"bool": {"filter": [urgent, {"range": {"submitted_at": {"lt": urgent_cutoff.isoformat()}}}]}},
                {
                    "bool": {
                        "must_not": [urgent],
                        "filter": [{"range": {"submitted_at": {"lt": other_cutoff.isoformat()}}}],
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }


def _wildcard_text(value):
    """`icontains` as a wildcard: the value anywhere, its own * ? and \\ taken literally."""
    escaped = value.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")
    return f"*{escaped}*"


def _submitted(value):
    bounds = {}
    if value.start is not None:
        bounds["gte"] = value.start.isoformat()
    if value.stop is not None:
        bounds["lte"] = value.stop.isoformat()
    return {"range": {"submitted_at": bounds}}


def _assignee(value):
    if value == "null":  # "Nobody" (django-filter's null choice)
        return {"bool": {"must_not": [{"exists": {"field": "assignee_id"}}]}}
    return {"term": {"assignee_id": value.pk}}


def _yes_no(clause):
    return lambda value: clause if value else {"bool": {"must_not": [clause]}}


# Each filter of triage/filters.py (TriageReportFilterSet) as the index says it; a value of None, "" or [] is
# "not filtering", as django-filter has it.
FILTERS = {
    "status": lambda values: {"terms": {"status": list(values)}},
    "closed_reason": lambda value: {"term": {"closed_reason": value}},
    "priority": lambda values: {"terms": {"priority": list(values)}},
    "product_category": lambda category: {"term": {"category_id": category.pk}},
    "marketplace": lambda value: {
        "wildcard": {"marketplace_entered": {"value": _wildcard_text(value), "case_insensitive": True}}
    },
    "shipped_from_country": lambda value: {"term": {"shipped_from_country": value}},
    "harm": lambda value: {"term": {"harm": value}},
    "has_attachments": lambda value: {"term": {"has_files": value}},
    "assignee": _assignee,
    "submitted_at": _submitted,
    # Few reports wait with an unread answer (conversations/), so their ids are sent rather than indexed.
    "reporter_answered": lambda value: _yes_no({"terms": {"report_id": answered_report_ids()}})(value),
}


def filter_clauses(cleaned_data, show_closed, now=None):
    """The queue's filters (the filter form's cleaned data) and its closed-report rule as index filters."""
    now = now or timezone.now()
    clauses = []
    for name, value in cleaned_data.items():
        if value is None or value == "" or value == [] or (isinstance(value, slice) and value == slice(None)):
            continue
        if name == "overdue":
            clauses.append(_yes_no(_overdue(now))(value))
        elif name in FILTERS:
            clauses.append(FILTERS[name](value))
        else:  # a filter added to the form but not here must not be silently ignored
            raise LookupError(f"The queue filter {name!r} has no counterpart in the reports index.")
    if not show_closed:
        clauses.append({"bool": {"must_not": [{"term": {"status": Status.CLOSED.value}}]}})
    return clauses


def page_body(text, clauses, order, offset, size):
    """One page of the matches, in the queue's order; counted exactly up to PAGED_ROWS, then "more than"."""
    return {
        "from": offset,
        "size": size,
        "_source": False,
        "track_total_hits": PAGED_ROWS,
        "query": {"bool": {"filter": [text_query(text), *clauses]}},
        "sort": index_sort(order),
    }


@dataclass(frozen=True)
class IndexPage:
    ids: list
    total: int
    exact: bool  # False: at least `total` reports match

    @property
    def counted(self):
        """The count as the queue says it (counting.CappedCount): exact, or "more than 10,000"."""
        if self.exact and self.total <= PAGED_ROWS:
            return CappedCount(self.total)
        return CappedCount(PAGED_ROWS, capped=True)


def search_page(text, clauses, order, offset, size):
    """The ids of one page of the queue search and the count, from the reports index."""
    response = get_client().search(
        index=index_alias("reports"),
        body=page_body(text, clauses, order, offset, size),
        filter_path=["hits.total", "hits.hits._id"],
    )
    hits = response.get("hits", {})
    total = hits.get("total", {"value": 0, "relation": "eq"})
    return IndexPage(
        ids=[int(hit["_id"]) for hit in hits.get("hits", [])], total=total["value"], exact=total["relation"] == "eq"
    )


def page_number(value):
    """The page asked for (the `p` parameter), as Django's Paginator.get_page reads it: 1 unless a number."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def index_page_for(text, clauses, order, number, size):
    """(page number, IndexPage): the page asked for, or the last page when it is past the end (as get_page).
    Never past PAGED_ROWS: the index does not page further (its result window), and neither does the queue."""
    number = min(number, max(PAGED_ROWS // size, 1))
    page = search_page(text, clauses, order, (number - 1) * size, size)
    shown = min(page.counted.number, PAGED_ROWS)
    if not page.ids and shown and (number - 1) * size >= shown:
        number = max((shown - 1) // size + 1, 1)
        page = search_page(text, clauses, order, (number - 1) * size, size)
    return number, page


class IndexIds:
    """The paginator's object list: as long as the count, holding the ids of the page the index returned."""

    def __init__(self, page, offset):
        self.page, self.offset = page, offset

    def __len__(self):
        return min(self.page.counted.number, PAGED_ROWS)

    def __getitem__(self, window):
        if window.start != self.offset:  # the paginator only ever asks for the page the index returned
            raise IndexError("Only the page fetched from the index is available.")
        return self.page.ids


class IndexPaginator(CappedPaginator):
    """CappedPaginator over a page the reports index already returned, with the index's count."""

    @property
    def capped_count(self):
        return self.object_list.page.counted
