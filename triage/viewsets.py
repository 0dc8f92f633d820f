"""The triage queue in the Wagtail admin: a ModelViewSet over reports, one over cases, and the trends page."""

from django.conf import settings
from django.db.models import Count
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BaseColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from conversations.staff import answered_ids
from outcomes.viewsets import EffectivenessViewSet
from reports.choices import Status
from search.connection import is_enabled
from search.fallback import with_fallback
from website.admin_display import LocalDateTimeColumn
from website.spreadsheets import SafeSpreadsheetExportMixin

from . import following_views, job_views, report_actions, views
from .counting import CappedPaginator, capped_count
from .detail import CaseInspectView, ReportInspectView
from .export import FIELDS as EXPORT_FIELDS
from .export import HEADINGS as EXPORT_HEADINGS
from .export import stream_csv
from .filters import TriageReportFilterSet
from .finding import database_search, report_by_tracking_number
from .forms import BulkActionForm, GoToReportForm
from .models import Case, TriageReport
from .permissions import can, policy
from .queue import attachment_count, queue_queryset, related_counts, related_label
from .queue_search import IndexIds, IndexPaginator, filter_clauses, index_page_for, page_number, search_order
from .saved_views import saved_views_for, shows_closed
from .selection import SEARCH_FIELDS
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


class StatusColumn(Column):
    """The status in words, with a "Reporter answered" tag while a reporter's answer waits to be read."""

    cell_template_name = "triage/cells/status.html"


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
        if self.is_export:
            # The export shows the file count but not the related count (a subquery per row).
            return queue_queryset(with_counts=False).annotate(attachment_count=attachment_count())
        return queue_queryset(with_counts=False)

    def write_csv_response(self, queryset):
        """Stream the rows through a server-side cursor, a chunk at a time (a million reports never sit in
        memory). For very long lists the queue also offers the CSV as a background job (job_views)."""
        response = StreamingHttpResponse(stream_csv(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    @cached_property
    def searches_the_index(self):
        """A search the reports index answers (filtered, sorted and paged there; see queue_search.py). The CSV
        export of a search, every matching row, is the database's."""
        return self.is_searching and not self.is_export and is_enabled()

    def search_queryset(self, queryset):
        """Words in the description, seller, listing or brand; tracking, order and parcel numbers exactly."""
        if not self.is_searching or self.searches_the_index:
            return queryset  # the index's search happens in paginate_queryset, for the page shown
        return database_search(queryset, self.search_query, self.search_fields)

    def filter_queryset(self, queryset):
        """Closed reports stay out of the queue unless the officer asks for them (status, reason or search)."""
        queryset = super().filter_queryset(queryset)
        if not shows_closed(self.request.GET):
            queryset = queryset.exclude(status=Status.CLOSED)
        return queryset

    def order_queryset(self, queryset):
        """By status, oldest first within each: the order of the index over open reports' status."""
        if self.is_searching:
            # Ties broken down to the id, as the index sorts a search (the same rows, in the same order).
            return queryset.order_by(*search_order(self.ordering))
        queryset = super().order_queryset(queryset)
        if self.ordering in ("status", "-status"):
            queryset = queryset.order_by(self.ordering, self.ordering.replace("status", "submitted_at"))
        return queryset

    def get_paginate_by(self, queryset):
        if self.is_export:
            return super().get_paginate_by(queryset)  # every row, not a page
        return settings.TRIAGE_QUEUE_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        """Sort and slice only the ids, then load that page's reports with their file counts.

        With a million reports, sorting whole rows (and counting files for each) took tens of seconds. A text
        search asks the reports index for the page's ids instead, and the database when the index is away.
        """
        if self.searches_the_index:
            answer = with_fallback(lambda: self.paginate_from_index(page_size), lambda: None, "the queue search")
            if answer is not None:
                return answer
            queryset = database_search(queryset, self.search_query, self.search_fields)
        ids = queryset.values_list("pk", flat=True)
        paginator = self.get_paginator(
            ids, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return self.with_rows(paginator, page)

    def paginate_from_index(self, page_size):
        """One page of a text search from the reports index: its ids in the queue's order, and the count."""
        cleaned = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        clauses = filter_clauses(cleaned, shows_closed(self.request.GET))
        number, found = index_page_for(
            self.search_query,
            clauses,
            search_order(self.ordering),
            page_number(self.request.GET.get(self.page_kwarg)),
            page_size,
        )
        paginator = IndexPaginator(IndexIds(found, (number - 1) * page_size), page_size)
        return self.with_rows(paginator, paginator.get_page(number))

    def with_rows(self, paginator, page):
        """The page's reports loaded by id (in the page's order), with their related-report counts."""
        page_ids = list(page.object_list)
        rows = queue_queryset().filter(pk__in=page_ids).in_bulk()
        counts = related_counts(page_ids)
        answered = answered_ids(page_ids)
        page.object_list = [rows[pk] for pk in page_ids if pk in rows]
        for report in page.object_list:
            report.related_count = counts.get(report.pk, 0)
            report.reporter_answered = report.pk in answered
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
            StatusColumn("status", label=_("Status"), accessor=status_display, sort_key="status"),
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
        query = self.request.GET.copy()
        for name in ("p", "export", "_w_filter_fragment"):
            query.pop(name, None)
        if can(self.request.user, "change"):
            context["bulk_form"] = BulkActionForm(initial={"query": query.urlencode()})
            context["bulk_url"] = reverse(self.bulk_url_name)
        context["export_job_url"] = reverse("triage-jobs:export")
        context["export_query"] = query.urlencode()
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
    search_fields = SEARCH_FIELDS
    search_backend_name = None
    list_export = EXPORT_FIELDS
    export_headings = EXPORT_HEADINGS
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
            *[
                path(f"<int:pk>/{name}/", self.construct_view(view_class, **self.get_inspect_view_kwargs()), name=name)
                for name, view_class in report_actions.URLS.items()
            ],
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


class JobsViewSet(ViewSet):
    """Bulk jobs: progress of bulk actions, purges and CSV exports (job_views.py)."""

    name = "triage-jobs"
    icon = "tasks"
    menu_label = _("Bulk jobs")

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class JobsMenuItem(MenuItem):
            def is_shown(self, request):
                return can(request.user, "view")

        return JobsMenuItem

    def get_urlpatterns(self):
        return [
            path("", job_views.JobsView.as_view(), name="index"),
            path("<int:pk>/", job_views.JobView.as_view(), name="detail"),
            path("<int:pk>/status/", job_views.job_status, name="status"),
            path("<int:pk>/download/", job_views.download, name="download"),
            path("purge/", job_views.start_purge, name="purge"),
            path("export/", job_views.start_export, name="export"),
        ]


class FollowingViewSet(ViewSet):
    """The searches an officer follows and the new reports matching them (following_views.py)."""

    name = "triage-following"
    icon = "view"
    menu_label = _("Following")

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class FollowingMenuItem(MenuItem):
            def is_shown(self, request):
                return can(request.user, "view")

        return FollowingMenuItem

    def get_urlpatterns(self):
        return [
            path("", following_views.FollowingView.as_view(), name="index"),
            path("follow/", following_views.follow_search, name="follow"),
            path("<int:pk>/unfollow/", following_views.unfollow, name="unfollow"),
            path("entity/<int:pk>/follow/", following_views.follow_entity, name="follow-entity"),
            path("entity/<int:pk>/unfollow/", following_views.unfollow_entity, name="unfollow-entity"),
            path("impersonation/follow/", following_views.follow_impersonation, name="follow-impersonation"),
        ]


class TriageGroup(ViewSetGroup):
    menu_label = _("Triage")
    menu_icon = "warning"
    menu_order = 250
    items = (ReportViewSet, CaseViewSet, TrendsViewSet, EffectivenessViewSet, FollowingViewSet, JobsViewSet)
