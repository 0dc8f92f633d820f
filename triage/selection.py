"""Which reports a bulk job works on: the ones an officer ticked, or every report the queue showed them.

"Every report matching" is kept as the queue's query string and turned back into reports here, with the queue's
own filters, search and closed-report rule (viewsets.ReportIndexView does the same for the listing), so the
background worker needs no request. Batches walk the reports by id (keyset), each query starting after the last
id of the batch before.
"""

from django.http import QueryDict

from reports.choices import Status

from .filters import TriageReportFilterSet
from .finding import SEARCH_FIELDS, database_search
from .models import TriageReport
from .saved_views import shows_closed


def reports_matching(query):
    """The queue's reports for this query string (filters, search, closed left out unless asked for)."""
    params = QueryDict(query or "")
    queryset = TriageReport.objects.all()
    filterset = TriageReportFilterSet(data=params, queryset=queryset, request=None)
    if filterset.is_valid():
        queryset = filterset.filter_queryset(queryset)
    text = (params.get("q") or "").strip()
    if text:
        queryset = database_search(queryset, text, SEARCH_FIELDS)
    if not shows_closed(params):
        queryset = queryset.exclude(status=Status.CLOSED)
    return queryset.order_by()


def selected_reports(selection):
    """{"ids": [...]} (ticked rows) or {"query": "status=new&..."} (every report matching)."""
    if "ids" in selection:
        return TriageReport.objects.filter(pk__in=selection["ids"]).order_by()
    return reports_matching(selection.get("query", ""))


def id_batches(queryset, size):
    """Lists of at most `size` report ids, in id order; each batch is read when the one before is done."""
    last = 0
    while True:
        ids = list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        last = ids[-1]
