"""The "Search queries" report: what people look for and what finds nothing, so editors know what to write."""

import django_filters
from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from website.spreadsheets import SafeSpreadsheetExportMixin

from .models import SearchQueryStat

PERMISSION = "search.view_searchquerystat"


class SearchQueryFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    zero_results = django_filters.BooleanFilter(
        label=_("Found nothing"), method="filter_zero_results", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = SearchQueryStat
        fields = []

    def filter_zero_results(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(zero_result_searches__gt=0) if value else queryset.filter(zero_result_searches=0)


class SearchQueryReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = _("Search queries")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query"]
    filterset_class = SearchQueryFilterSet
    default_ordering = "-total_searches"
    index_url_name = "search_queries_report"
    index_results_url_name = "search_queries_report_results"
    columns = [
        Column("query", label=_("Query"), sort_key="query"),
        NumberColumn("total_searches", label=_("Searches"), sort_key="total_searches"),
        NumberColumn("total_zero", label=_("Searches that found nothing"), sort_key="total_zero"),
        NumberColumn("result_count", label=_("Results (latest)"), sort_key="result_count"),
    ]
    list_export = ["query", "total_searches", "total_zero", "result_count"]
    export_headings = {
        "query": _("Query"),
        "total_searches": _("Searches"),
        "total_zero": _("Searches that found nothing"),
        "result_count": _("Results (latest)"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = SearchQueryStat.objects.all()
        return kwargs

    def get_queryset(self):
        return SearchQueryStat.objects.all()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return (
            queryset.values("query")
            .annotate(
                total_searches=Sum("searches"),
                total_zero=Sum("zero_result_searches"),
                result_count=Max("last_result_count"),
            )
            .order_by("-total_searches", "query")
        )
