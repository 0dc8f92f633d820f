"""The triage queue in the Wagtail admin: a ModelViewSet over reports, one over cases, and the trends page."""

from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BaseColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from reports.choices import Status
from website.admin_display import LocalDateTimeColumn
from website.spreadsheets import SafeSpreadsheetExportMixin

from . import views
from .counting import CappedPaginator, capped_count
from .detail import CaseInspectView, ReportInspectView
from .filters import TriageReportFilterSet
from .finding import database_search, report_by_tracking_number
from .forms import BulkActionForm, GoToReportForm
from .models import Case, TriageReport
from .permissions import can, policy
from .queue import queue_queryset, related_counts, related_label
from .saved_views import saved_views_for, shows_closed
from .summary import summary
from .trends import TrendsView


def status_display(report):
    if report.status == Status.CLOSED and report.closed_reason:
        return f"{report.get_status_display()} ({report.get_closed_reason_display()})"
    return report.get_status_display()


class SummaryColumn(Column):
    """What the report is about, on one line: product or brand, the start of the description, the seller."""

    cell_template_name = "triage/cells/summary.html"


class PriorityColumn(Column):
    """The priority as a coloured tag with its name in words (and "Overdue" beside it when it is)."""

    cell_template_name = "triage/cells/priority.html"


class SelectColumn(BaseColumn):
    """A checkbox per row, tied to the bulk-action form above the table by the `form` attribute."""

    cell_template_name = "triage/cells/select.html"
    header_template_name = "triage/cells/select_header.html"


class ReportIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    template_name = "triage/report_index.html"
    results_template_name = "triage/report_index_results.html"
    default_ordering = ["priority_rank", "submitted_at"]
    bulk_url_name = None
    paginator_class = CappedPaginator

    def get(self, request, *args, **kwargs):
        # A whole tracking number in the search goes straight to its report (not for the live-search fragment).
        if not self.results_only and self.is_searching:
            report = report_by_tracking_number(self.search_query)
            if report is not None:
                return redirect(self.get_inspect_url(report))
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        return queue_queryset(with_counts=self.is_export)

    def search_queryset(self, queryset):
        """Words in the description, seller, listing or brand; tracking, order and parcel numbers exactly."""
        if not self.is_searching:
            return queryset
        return database_search(queryset, self.search_query, self.search_fields)

    def filter_queryset(self, queryset):
        """Closed reports stay out of the queue unless the officer asks for them (status, reason or search)."""
        queryset = super().filter_queryset(queryset)
        if not shows_closed(self.request.GET):
            queryset = queryset.exclude(status=Status.CLOSED)
        return queryset

    def order_queryset(self, queryset):
        """By status, oldest first within each: the order of the index over open reports' status."""
        queryset = super().order_queryset(queryset)
        if self.ordering in ("status", "-status"):
            queryset = queryset.order_by(self.ordering, self.ordering.replace("status", "submitted_at"))
        return queryset

    def paginate_queryset(self, queryset, page_size):
        """Sort and slice only the ids, then load that page's reports with their file counts.

        With a million reports, sorting whole rows (and counting files for each) took tens of seconds.
        """
        ids = queryset.values_list("pk", flat=True)
        paginator = self.get_paginator(
            ids, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        page_ids = list(page.object_list)
        rows = queue_queryset().filter(pk__in=page_ids).in_bulk()
        counts = related_counts(page_ids)
        page.object_list = [rows[pk] for pk in page_ids if pk in rows]
        for report in page.object_list:
            report.related_count = counts.get(report.pk, 0)
        return paginator, page, page.object_list, page.has_other_pages()

    @cached_property
    def columns(self):
        title = self._get_title_column_class(TitleColumn)(
            "tracking_number",
            label=_("Tracking number"),
            accessor="tracking_number",
            get_url=lambda report: self.get_inspect_url(report),
            sort_key="tracking_number",
        )
        columns = [
            title,
            SummaryColumn("summary", label=_("Summary"), accessor=summary),
            Column("status", label=_("Status"), accessor=status_display, sort_key="status"),
            PriorityColumn("priority", label=_("Priority"), accessor="get_priority_display", sort_key="priority_rank"),
            Column("related_count", label=_("Related reports"), accessor=related_label),
            Column("assignee", label=_("Assigned to"), accessor="assignee_name"),
            Column("age", label=_("Age (days)"), accessor="age_days", sort_key="-submitted_at"),
            Column("product_category", label=_("Category"), accessor="product_category.name"),
            Column("marketplace", label=_("Marketplace"), accessor="marketplace", sort_key="marketplace"),
            Column("shipped_from_country", label=_("Shipped from"), accessor="shipped_from_country"),
            Column("harm", label=_("Harm"), accessor=lambda r: _("Yes") if r.harm else ""),
            Column("attachment_count", label=_("Files"), accessor="attachment_count"),
        ]
        if can(self.request.user, "change"):
            columns.insert(0, SelectColumn("select", label=_("Select")))
        return columns

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        # Each status counted up to the cap (then estimated): an exact count of a million rows is what costs.
        context["status_counts"] = [
            (label, capped_count(TriageReport.objects.filter(status=value)), value) for value, label in Status.choices
        ]
        if context.get("paginator") is not None:
            context["items_count_text"] = context["paginator"].capped_count
        context["overdue_count"] = None
        context["saved_views"] = saved_views_for(self.request, self.index_url)
        if can(self.request.user, "change"):
            context["bulk_form"] = BulkActionForm()
            context["bulk_url"] = reverse(self.bulk_url_name)
        context["go_to_report_form"] = GoToReportForm()
        return context


class ReportViewSet(ModelViewSet):
    model = TriageReport
    name = "triage"
    icon = "warning"
    menu_label = _("Reports")
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    filterset_class = TriageReportFilterSet
    search_fields = ["description", "seller_name", "listing_url", "brand"]
    search_backend_name = None
    list_export = [
        "tracking_number",
        "get_status_display",
        "get_closed_reason_display",
        "get_priority_display",
        "product_category",
        "brand",
        "product_name",
        "marketplace",
        "seller_name",
        "listing_url",
        "shipped_from_country",
        "harm",
        "attachment_count",
        "assignee_name",
        "submitted_at",
        "age_days",
        "overdue",
    ]
    export_headings = {
        "tracking_number": _("Tracking number"),
        "get_status_display": _("Status"),
        "get_closed_reason_display": _("Closed because"),
        "get_priority_display": _("Priority"),
        "product_category": _("Category"),
        "brand": _("Brand"),
        "product_name": _("Product"),
        "marketplace": _("Marketplace"),
        "seller_name": _("Seller"),
        "listing_url": _("Listing address"),
        "shipped_from_country": _("Shipped from"),
        "harm": _("Harm reported"),
        "attachment_count": _("Files"),
        "assignee_name": _("Assigned to"),
        "submitted_at": _("Submitted at"),
        "age_days": _("Age (days)"),
        "overdue": _("Overdue"),
    }
    export_filename = "triage-reports"

    @cached_property
    def permission_policy(self):
        return policy

    @property
    def url_finder_class(self):
        # Reports have no edit view: links from the site history and elsewhere go to the report's page.
        from wagtail.admin.admin_url_finder import ModelAdminURLFinder

        return type("TriageReportURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")})

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name", "history_url_name"):
            view_kwargs[name] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(bulk_url_name=self.get_url_name("bulk"), **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("go/", views.go_to_report, name="go"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("bulk/", views.bulk_action, name="bulk"),
            path("<int:pk>/assign/", views.assign, name="assign"),
            path("<int:pk>/status/", views.change_status, name="status"),
            path("<int:pk>/note/", views.add_note, name="note"),
            path("<int:pk>/priority/", views.override_priority, name="priority"),
            path("<int:pk>/duplicate/", views.mark_duplicate, name="duplicate"),
            path("<int:pk>/case/", views.link_case, name="case"),
            path("<int:pk>/refer/", views.refer_report, name="refer"),
            path("<int:pk>/contact/", views.contact, name="contact"),
            path("file/<int:attachment_id>/", views.download_file, name="file"),
            path("referral/<int:referral_id>/", views.update_referral, name="referral"),
        ]


class CaseViewSet(ModelViewSet):
    model = Case
    name = "triage-cases"
    icon = "folder-open-inverse"
    menu_label = _("Cases")
    form_fields = ["title", "summary"]
    list_display = [
        "title",
        Column("report_count", label=_("Reports"), accessor="report_count"),
        LocalDateTimeColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]
    search_fields = ["title", "summary"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_class = CaseInspectView
    copy_view_enabled = False
    ordering = "-created_at"

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=Case.objects.annotate(report_count=Count("reports")), **kwargs)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/refer/", views.refer_case, name="refer"),
        ]


class TrendsViewSet(ViewSet):
    name = "triage-trends"
    icon = "table"
    menu_label = _("Report trends")

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class TrendsMenuItem(MenuItem):
            def is_shown(self, request):
                return can(request.user, "view")

        return TrendsMenuItem

    def get_urlpatterns(self):
        return [path("", TrendsView.as_view(), name="index")]


class TriageGroup(ViewSetGroup):
    menu_label = _("Triage")
    menu_icon = "warning"
    menu_order = 250
    items = (ReportViewSet, CaseViewSet, TrendsViewSet)
