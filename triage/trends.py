"""The "Report trends" page: how many reports, of what, from where, and how fast staff act.

The numbers come from Elasticsearch aggregations when it answers, otherwise from the database; both give
the same counts (tests check it). Weeks start on Monday in the site's time zone. Marketplaces are the big
marketplaces of the fixed list (Report.marketplace_name), never what reporters typed; reports on other
marketplaces show in "Most reported store domains".
"""

import logging
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, F
from django.db.models.functions import Collate
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from library.models import ProductCategory
from reports.models import Report
from reports.statistics import weekly_breakdowns
from search.aggregations import week_of, weekly_histogram
from search.connection import get_client, index_alias
from search.fallback import with_fallback
from website import spreadsheets

from .models import TriageState
from .permissions import can
from .surges import MIN_HISTORY_WEEKS, cached_surges

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
    """The TOP most frequent non-empty values, most first, ties in code-point order (as Elasticsearch sorts)."""
    value = F(field_name)
    if connection.vendor == "postgresql":
        value = Collate(value, "C")
    rows = (
        queryset.exclude(**{field_name: ""})
        .exclude(**{f"{field_name}__isnull": True})
        .values(field_name)
        .annotate(count=Count("pk"))
        .order_by("-count", value)[:TOP]
    )
    return [(row[field_name], row["count"]) for row in rows]


def _top_of(counter):
    rows = [(label, count) for label, count in counter.items() if label]
    rows.sort(key=lambda row: (-row[1], row[0]))
    return rows[:TOP]


def median_hours_to_first_action(reports):
    """On databases other than PostgreSQL (development): the median worked out in Python."""
    touched = reports.filter(triage__first_action_at__isnull=False)
    seconds = [
        int((first - submitted).total_seconds())
        for submitted, first in touched.values_list("submitted_at", "triage__first_action_at").iterator()
    ]
    return _hours(statistics.median(seconds) if seconds else None)


def _hours(seconds):
    """The median in whole seconds (as both the database and Elasticsearch compute it) in hours, to 0.1."""
    return round(seconds / 3600, 1) if seconds is not None else None


def _staff_side_postgresql(since_datetime):
    """(top sellers, top store domains, median seconds to first action), PostgreSQL only.

    One pass over the join of the reports in the range (read from a covering index) with their triage rows,
    kept as a materialised CTE: GROUPING SETS count it by seller and by domain, and the median is worked out
    over the same rows (two joins of half a million rows each took twice as long at a million reports).
    """
    states, reports = TriageState._meta.db_table, Report._meta.db_table
    query = f"""
        WITH joined AS MATERIALIZED (
            SELECT t.seller_key, t.listing_host, floor(extract(epoch FROM t.first_action_at - r.submitted_at)) AS seconds
            FROM {states} t JOIN {reports} r ON r.id = t.report_id
            WHERE r.submitted_at >= %s
        )
        SELECT GROUPING(seller_key), seller_key, listing_host, COUNT(*), NULL FROM joined
        WHERE seller_key <> '' OR listing_host <> ''
        GROUP BY GROUPING SETS ((seller_key), (listing_host))
        UNION ALL
        SELECT 2, '', '', 0, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FROM joined WHERE seconds IS NOT NULL
    """  # noqa: S608 - table names from the models, the date is a parameter
    sellers, domains = Counter(), Counter()
    median_seconds = None
    with connection.cursor() as cursor:
        cursor.execute(query, [since_datetime])
        for grouping, seller, host, count, median in cursor.fetchall():
            if grouping == 2:
                median_seconds = median
            elif grouping:
                domains[host] += count
            else:
                sellers[seller] += count
    return _top_of(sellers), _top_of(domains), median_seconds


def from_database(since):
    """The same numbers as from_elasticsearch, from grouped queries (no loop over the reports)."""
    since_datetime = _since_datetime(since)
    reports = Report.objects.filter(submitted_at__gte=since_datetime).order_by()
    categories = dict(ProductCategory.objects.values_list("pk", "name"))
    per_week, by_category, by_marketplace, by_country = Counter(), Counter(), Counter(), Counter()
    for monday, breakdowns in weekly_breakdowns(reports).items():
        per_week[monday] = breakdowns["category"].total()
        for category, n in breakdowns["category"].items():
            by_category[categories[category]] += n
        by_marketplace.update(breakdowns["marketplace"])
        by_country.update(breakdowns["country"])
    if connection.vendor == "postgresql":
        top_sellers, top_domains, median = _staff_side_postgresql(since_datetime)
        median_hours = _hours(median)
    else:
        states = TriageState.objects.filter(report__submitted_at__gte=since_datetime)
        top_sellers, top_domains = _top(states, "seller_key"), _top(states, "listing_host")
        median_hours = median_hours_to_first_action(reports)
    return Trends(
        since=since,
        source="database",
        total=sum(per_week.values()),
        per_week=sorted(per_week.items()),
        by_category=_top_of(by_category),
        by_marketplace=_top_of(by_marketplace),
        by_country=_top_of(by_country),
        top_sellers=top_sellers,
        top_domains=top_domains,
        median_hours_to_first_triage=median_hours,
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
            "per_week": weekly_histogram(),
            "by_category": terms("category_name"),
            "by_marketplace": terms("marketplace"),
            "by_country": terms("shipped_from_country"),
            "top_sellers": terms("seller"),
            "top_domains": terms("domain"),
            "median": {"percentiles": {"field": "seconds_to_first_action", "percents": [50]}},
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
        per_week=[(week_of(bucket), bucket["doc_count"]) for bucket in aggs["per_week"]["buckets"]],
        by_category=buckets("by_category"),
        by_marketplace=buckets("by_marketplace"),
        by_country=buckets("by_country"),
        top_sellers=buckets("top_sellers"),
        top_domains=buckets("top_domains"),
        median_hours_to_first_triage=_hours(median),
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
        context = self.get_context_data(trends=trends, weeks=self.weeks())
        context.update(surges=cached_surges(), min_history_weeks=MIN_HISTORY_WEEKS)
        return self.render_to_response(context)


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
