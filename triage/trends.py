"""The "Report trends" page: how many reports, of what, from where, and how fast staff act.

The numbers come from Elasticsearch aggregations when it answers, otherwise from the database; both give
the same counts (tests check it). Weeks start on Monday in the site's time zone.
"""

import logging
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from reports.models import Report
from search.connection import get_client, index_alias
from search.fallback import with_fallback
from website import spreadsheets

from .permissions import can

logger = logging.getLogger(__name__)

TOP = 10
CHARTS = [
    ("per_week", _("Reports per week")),
    ("by_category", _("By category")),
    ("by_marketplace", _("By marketplace")),
    ("by_country", _("By shipped-from country")),
    ("top_sellers", _("Most reported sellers")),
    ("top_domains", _("Most reported store domains")),
]


@dataclass
class Trends:
    since: date
    source: str
    total: int = 0
    per_week: list = field(default_factory=list)
    by_category: list = field(default_factory=list)
    by_marketplace: list = field(default_factory=list)
    by_country: list = field(default_factory=list)
    top_sellers: list = field(default_factory=list)
    top_domains: list = field(default_factory=list)
    median_hours_to_first_triage: float | None = None

    def charts(self):
        for key, title in CHARTS:
            rows = getattr(self, key)
            peak = max((count for _label, count in rows), default=0)
            yield {
                "key": key,
                "title": title,
                "rows": [(label, count, round(100 * count / peak) if peak else 0) for label, count in rows],
            }


def start_of_range(weeks):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=weeks - 1)


def _since_datetime(since):
    return timezone.make_aware(datetime.combine(since, datetime.min.time()))


def _top(queryset, field_name):
    rows = (
        queryset.exclude(**{field_name: ""})
        .exclude(**{f"{field_name}__isnull": True})
        .values(field_name)
        .annotate(count=Count("pk"))
        .order_by("-count", field_name)[:TOP]
    )
    return [(row[field_name], row["count"]) for row in rows]


def from_database(since):
    reports = Report.objects.filter(submitted_at__gte=_since_datetime(since)).order_by()
    per_week = (
        reports.annotate(week=TruncWeek("submitted_at")).values("week").annotate(count=Count("pk")).order_by("week")
    )
    durations = [
        (first - submitted).total_seconds() / 3600
        for submitted, first in reports.filter(triage__first_action_at__isnull=False).values_list(
            "submitted_at", "triage__first_action_at"
        )
    ]
    return Trends(
        since=since,
        source="database",
        total=reports.count(),
        per_week=[
            (timezone.localdate(row["week"]) if isinstance(row["week"], datetime) else row["week"], row["count"])
            for row in per_week
        ],
        by_category=_top(reports, "product_category__name"),
        by_marketplace=_top(reports, "marketplace"),
        by_country=_top(reports, "shipped_from_country"),
        top_sellers=_top(reports.filter(~Q(triage__seller_key="")), "triage__seller_key"),
        top_domains=_top(reports, "triage__listing_host"),
        median_hours_to_first_triage=round(statistics.median(durations), 1) if durations else None,
    )


def aggregation_body(since):
    """The Elasticsearch request (a pure function of the start date)."""

    def terms(field_name):
        return {
            "terms": {
                "field": field_name,
                "size": TOP,
                "exclude": [""],
                "order": [{"_count": "desc"}, {"_key": "asc"}],
            }
        }

    return {
        "size": 0,
        "track_total_hits": True,
        "query": {"range": {"submitted_at": {"gte": since.isoformat(), "time_zone": settings.TIME_ZONE}}},
        "aggs": {
            "per_week": {
                "date_histogram": {
                    "field": "submitted_at",
                    "calendar_interval": "week",
                    "time_zone": settings.TIME_ZONE,
                    "min_doc_count": 1,
                    "format": "yyyy-MM-dd",
                }
            },
            "by_category": terms("category_name"),
            "by_marketplace": terms("marketplace"),
            "by_country": terms("shipped_from_country"),
            "top_sellers": terms("seller"),
            "top_domains": terms("domain"),
            "median": {"percentiles": {"field": "hours_to_first_action", "percents": [50]}},
        },
    }


def from_elasticsearch(since):
    response = get_client().search(index=index_alias("reports"), body=aggregation_body(since))
    aggs = response["aggregations"]

    def buckets(name):
        return [(bucket["key"], bucket["doc_count"]) for bucket in aggs[name]["buckets"]]

    median = aggs["median"]["values"].get("50.0")
    return Trends(
        since=since,
        source="elasticsearch",
        total=response["hits"]["total"]["value"],
        per_week=[
            (date.fromisoformat(bucket["key_as_string"]), bucket["doc_count"])
            for bucket in aggs["per_week"]["buckets"]
        ],
        by_category=buckets("by_category"),
        by_marketplace=buckets("by_marketplace"),
        by_country=buckets("by_country"),
        top_sellers=buckets("top_sellers"),
        top_domains=buckets("top_domains"),
        median_hours_to_first_triage=round(median, 1) if median is not None else None,
    )


def compute_trends(weeks=12):
    since = start_of_range(weeks)
    return with_fallback(lambda: from_elasticsearch(since), lambda: from_database(since), "report trends")


class TrendsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "triage/trends.html"
    page_title = _("Report trends")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def weeks(self):
        try:
            return max(1, min(int(self.request.GET.get("weeks", 12)), 104))
        except ValueError:
            return 12

    def get(self, request, *args, **kwargs):
        trends = compute_trends(self.weeks())
        if request.GET.get("format") == "csv":
            return trends_csv(trends)
        return self.render_to_response(self.get_context_data(trends=trends, weeks=self.weeks()))


def trends_csv(trends):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-trends-{trends.since:%Y-%m-%d}.csv"'
    writer = spreadsheets.csv_writer(response)
    writer.writerow(["chart", "label", "count"])
    writer.writerow(["total", "", trends.total])
    for chart in trends.charts():
        for label, count, _percent in chart["rows"]:
            writer.writerow([chart["key"], str(label), count])
    writer.writerow(["median_hours_to_first_triage", "", trends.median_hours_to_first_triage or ""])
    return response
