"""Public, de-identified weekly statistics of counterfeit reports.

Anyone may read these numbers, so they must never let a reader pick out one report or one reporter.

Which reports count: every report submitted in a complete week (Monday to Sunday in the site's time zone,
settings.TIME_ZONE), except those staff closed as spam or as a duplicate. The current week is never
published: it is not over yet, and its numbers would change under the reader.

For each week we publish the total and three breakdowns: product category, marketplace and the country the
item was shipped from. The rules:

1. A count from 1 to 4 is never published. Within a breakdown, every value with fewer than 5 reports is
   counted in one "Other" row. If "Other" would then hold 1 to 4 reports, the smallest named row is added
   to it (and the next smallest, and so on) until it holds 5 or more. So every published number is 5 or
   more, "Other" always mixes at least two values, and nothing is left out of a breakdown: no hidden cell
   exists that could be worked out as the total minus the published rows.
2. A week total from 1 to 4 is suppressed, and then every row of that week is too (each breakdown is a
   single suppressed "Other" row).
3. Marketplaces are typed freely by reporters, so what they typed is never published: each report counts
   for a marketplace from a fixed list of big marketplaces (reference/marketplaces.py), matched by the
   listing address or by the typed name, else for "Other". That name is stored with the report when it is
   saved (Report.marketplace_name), so the counting is one GROUP BY in the database.
4. Countries are published as ISO codes with their English names; reports without a (known) country count
   as "unknown" ("Not given").

Values with no reports in a week are simply absent. In the CSV, suppressed counts are written as "<5".

The raw counts come from Elasticsearch aggregations over the reports index when the cluster answers, otherwise
from the database; both give the same numbers (tests check it).
"""

import io
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.text import slugify

from reference.countries import COUNTRY_CODES, country_name
from search.aggregations import week_of, weekly_histogram
from search.connection import get_client, index_alias
from search.fallback import with_fallback
from website import spreadsheets

from .choices import ClosedReason, Status
from .models import Report

THRESHOLD = 5
MAX_WEEKS = 52
OTHER = ("other", "Other")
UNKNOWN_COUNTRY = ("unknown", "Not given")
# The breakdowns: key in each week -> the `dimension` column of the CSV.
DIMENSIONS = {
    "by_category": "category",
    "by_marketplace": "marketplace",
    "by_shipped_from_country": "shipped_from_country",
}
CSV_SUPPRESSED = "<5"


def notes():
    return (
        f"Weekly counts of counterfeit reports, for complete weeks only (Monday to Sunday, {settings.TIME_ZONE} "
        "time). Reports that staff closed as spam or as a duplicate are not counted. "
        f"To protect the people who report, no count from 1 to {THRESHOLD - 1} is ever published. "
        f"Within each breakdown, values with fewer than {THRESHOLD} reports are added together into one "
        f"'Other' row. When 'Other' would hold fewer than {THRESHOLD}, the smallest named rows are added to it "
        f"until it holds {THRESHOLD} or more, so 'Other' always mixes at least two values. "
        f"A week with 1 to {THRESHOLD - 1} reports in total shows no numbers at all (count null and suppressed "
        f"true; '{CSV_SUPPRESSED}' in the CSV). "
        "Marketplaces are named only when they are on a fixed list of large marketplaces; all others count as "
        "'Other'. Countries are where the item was shipped from; 'Not given' means the reporter did not say. "
        "Values with no reports in a week are left out."
    )


def _zone():
    return ZoneInfo(settings.TIME_ZONE)


def complete_weeks(weeks, today=None):
    """The Mondays of the last `weeks` complete weeks, oldest first (the week holding `today` is not complete)."""
    today = today or timezone.localdate(timezone=_zone())
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=n) for n in range(weeks, 0, -1)]


def counted_reports():
    """All reports, less the ones staff closed as spam or as a duplicate."""
    thrown_out = Q(status=Status.CLOSED, closed_reason__in=[ClosedReason.SPAM, ClosedReason.DUPLICATE])
    return Report.objects.exclude(thrown_out).order_by()


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min), _zone())


def _monday(value):
    """TruncWeek gives an aware datetime (or, on some databases, a date) for the week's Monday."""
    return timezone.localdate(value, _zone()) if isinstance(value, datetime) else value


def _country(code):
    if code in COUNTRY_CODES:
        return (code, country_name(code, "en"))
    return UNKNOWN_COUNTRY


def _category_labels():
    from library.models import ProductCategory

    return {pk: (slug, name) for pk, slug, name in ProductCategory.objects.values_list("pk", "slug", "name")}


def _marketplace(name):
    return (slugify(name), name) if name else OTHER


def grouped_counts(reports):
    """One GROUP BY in the database: (week's Monday, category id, marketplace name, country) -> reports.

    `marketplace_name` is stored with each report (the big marketplace from the fixed list, else ""), so the
    number of rows depends on the weeks and the values, not on the number of reports.
    """
    rows = (
        reports.annotate(week=TruncWeek("submitted_at", tzinfo=_zone()))
        .values_list("week", "product_category_id", "marketplace_name", "shipped_from_country")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(_monday(week), category, marketplace, country, n) for week, category, marketplace, country, n in rows]


# The columns weekly_breakdowns() counts by, in the order of its keys.
BREAKDOWN_COLUMNS = {
    "category": "product_category_id",
    "marketplace": "marketplace_name",
    "country": "shipped_from_country",
}


def weekly_breakdowns(reports):
    """`reports` counted per week (Monday in the site's time zone) and, within each week, per category id,
    marketplace name and shipped-from country: {monday: {"category": Counter, "marketplace": Counter,
    "country": Counter}}. Each breakdown of a week adds up to the week's total.

    On PostgreSQL one statement ending in GROUPING SETS (week and category, week and marketplace, week and
    country): a few rows per week and value come back, not one per combination of the three (17,000 for 52
    weeks at a million reports, each turned into Python objects). Elsewhere (SQLite in development) the three breakdowns are
    added up from grouped_counts().
    """
    weeks = defaultdict(lambda: {name: Counter() for name in BREAKDOWN_COLUMNS})
    if connection.vendor != "postgresql":
        for monday, category, marketplace, country, n in grouped_counts(reports):
            week = weeks[monday]
            week["category"][category] += n
            week["marketplace"][marketplace] += n
            week["country"][country] += n
        return weeks
    columns = list(BREAKDOWN_COLUMNS.values())
    inner, params = (
        reports.annotate(week=TruncWeek("submitted_at", tzinfo=_zone()))
        .values_list("week", *columns)
        .order_by()
        .query.sql_with_params()
    )
    names = list(BREAKDOWN_COLUMNS)
    sets = ", ".join(f"(week, {column})" for column in columns)
    # GROUPING(a, b, c) is a bit mask: 0b011 means "grouped by the first column only", and so on.
    masks = {(1 << len(columns)) - 1 - (1 << (len(columns) - 1 - n)): name for n, name in enumerate(names)}
    # The reports are first grouped by all four, then those few thousand groups by the sets. The first step is
    # a CTE of its own so that the planner hashes it (as the four-column GROUP BY alone is planned); inlined,
    # it sorted half a million rows for the sets instead and took half as long again.
    listed = ", ".join(columns)
    query = (
        f"WITH grouped AS MATERIALIZED (SELECT week, {listed}, COUNT(*) AS n FROM ({inner}) AS counted "  # noqa: S608
        f"GROUP BY week, {listed}) "
        f"SELECT week::date, GROUPING({listed}), {listed}, SUM(n)::bigint FROM grouped GROUP BY GROUPING SETS ({sets})"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for monday, mask, *values, n in cursor.fetchall():
            position = names.index(masks[mask])
            weeks[monday][masks[mask]][values[position]] += n
    return weeks


def _empty_counts(mondays):
    return {monday: {"total": 0, **{name: Counter() for name in DIMENSIONS}} for monday in mondays}


def count_weeks(mondays):
    """Raw counts for each week: {monday: {"total": n, "by_category": Counter({(value, label): n}), ...}}.

    From the reports index's aggregations when Elasticsearch answers, else from the database.
    """
    return with_fallback(
        lambda: count_weeks_from_elasticsearch(mondays),
        lambda: count_weeks_from_database(mondays),
        "the public statistics",
    )


def aggregation_body(mondays):
    """The Elasticsearch request for count_weeks (a pure function of the weeks): the reports of those weeks,
    less spam and duplicates, per week and, within each week, per category, marketplace and country."""

    def terms(field_name):
        # Sizes above the number of values there can be, so every count is exact; "" for a missing value.
        return {"terms": {"field": field_name, "size": 1000, "missing": ""}}

    thrown_out = [
        {"term": {"status": Status.CLOSED}},
        {"terms": {"closed_reason": [ClosedReason.SPAM, ClosedReason.DUPLICATE]}},
    ]
    end = mondays[-1] + timedelta(weeks=1)
    return {
        "size": 0,
        "query": {
            "bool": {
                "filter": [
                    {
                        "range": {
                            "submitted_at": {
                                "gte": mondays[0].isoformat(),
                                "lt": end.isoformat(),
                                "time_zone": settings.TIME_ZONE,
                            }
                        }
                    }
                ],
                "must_not": [{"bool": {"filter": thrown_out}}],
            }
        },
        "aggs": {
            "weeks": weekly_histogram(
                aggs={
                    "by_category": terms("category"),
                    "by_marketplace": terms("marketplace"),
                    "by_shipped_from_country": terms("shipped_from_country"),
                }
            )
        },
    }


def count_weeks_from_elasticsearch(mondays):
    response = get_client().search(index=index_alias("reports"), body=aggregation_body(mondays))
    counts = _empty_counts(mondays)
    categories = {slug: (slug, name) for _pk, (slug, name) in _category_labels().items()}
    labels = {
        "by_category": lambda slug: categories.get(slug, (slug, slug)),
        "by_marketplace": _marketplace,
        "by_shipped_from_country": _country,
    }
    for bucket in response["aggregations"]["weeks"]["buckets"]:
        week = counts.get(week_of(bucket))
        if week is None:
            continue
        week["total"] = bucket["doc_count"]
        for name, label in labels.items():
            for row in bucket[name]["buckets"]:
                week[name][label(row["key"])] += row["doc_count"]
    return counts


def count_weeks_from_database(mondays):
    """The reports are counted by the database (weekly_breakdowns); Python only labels its few hundred rows."""
    reports = counted_reports().filter(
        submitted_at__gte=_start_of(mondays[0]), submitted_at__lt=_start_of(mondays[-1] + timedelta(weeks=1))
    )
    counts = _empty_counts(mondays)
    categories = _category_labels()
    for monday, breakdowns in weekly_breakdowns(reports).items():
        week = counts[monday]
        week["total"] = breakdowns["category"].total()
        for category, n in breakdowns["category"].items():
            week["by_category"][categories[category]] += n
        for marketplace, n in breakdowns["marketplace"].items():
            week["by_marketplace"][_marketplace(marketplace)] += n
        for country, n in breakdowns["country"].items():
            week["by_shipped_from_country"][_country(country)] += n
    return counts


def _row(value_label, count, suppressed=False):
    value, label = value_label
    return {"value": value, "label": label, "count": None if suppressed else count, "suppressed": suppressed}


def deidentify(counts):
    """Turn one breakdown's raw counts {(value, label): n} into publishable rows (rule 1 above).

    Values under 5 go into 'Other'. While 'Other' holds 1 to 4 reports, the smallest named row joins it, so
    'Other' always holds 5 or more reports from at least two values, and every number published is 5 or
    more. Nothing is suppressed, so nothing can be worked out by subtraction from the total; only a week
    whose total is under 5 is hidden as a whole. Named rows come first, largest first, then 'Other'.
    """

    def is_other(key, n):
        return key[0] == OTHER[0] or n < THRESHOLD

    other = sum(n for key, n in counts.items() if is_other(key, n))
    named = [(key, n) for key, n in counts.items() if not is_other(key, n)]
    named.sort(key=lambda item: (-item[1], item[0][1]))
    while 0 < other < THRESHOLD and named:
        _key, n = named.pop()
        other += n
    if 0 < other < THRESHOLD:
        # Only possible when the whole week holds fewer than 5 reports (rule 2).
        return [_row(OTHER, None, suppressed=True)]
    return [_row(key, n) for key, n in named] + ([_row(OTHER, other)] if other else [])


def _week(monday, counts):
    total = counts["total"]
    total_suppressed = 0 < total < THRESHOLD
    week = {
        "week_start": monday.isoformat(),
        "week_end": (monday + timedelta(days=6)).isoformat(),
        "total": None if total_suppressed else total,
        "total_suppressed": total_suppressed,
    }
    for name in DIMENSIONS:
        # With a total under 5 every value is under 5 too, so each breakdown becomes one hidden 'Other' row.
        week[name] = deidentify(counts[name])
    return week


def weekly_statistics(weeks: int = 12, today: date | None = None) -> dict:
    """The last `weeks` complete weeks of de-identified counts, oldest first, ready for JSON.

    The caller checks that `weeks` is between 1 and MAX_WEEKS.
    """
    mondays = complete_weeks(weeks, today)
    counts = count_weeks(mondays)
    return {
        "weeks": [_week(monday, counts[monday]) for monday in mondays],
        "suppression_threshold": THRESHOLD,
        "generated_at": timezone.localtime(timezone.now(), _zone()).isoformat(timespec="seconds"),
        "notes": notes(),
    }


def cached_weekly_statistics(weeks: int = 12) -> dict:
    """weekly_statistics() for the public API: the last MAX_WEEKS weeks are computed once and kept for
    settings.STATISTICS_CACHE_SECONDS, and every `weeks` is cut from them (complete weeks change only when
    staff close a report as spam or duplicate). 0 turns the cache off."""
    seconds = settings.STATISTICS_CACHE_SECONDS
    if not seconds:
        return weekly_statistics(weeks)
    key = f"reports:weekly-statistics:{complete_weeks(1)[0].isoformat()}"
    data = cache.get(key)
    if data is None:
        data = weekly_statistics(MAX_WEEKS)
        cache.set(key, data, seconds)
    return {**data, "weeks": data["weeks"][-weeks:]}


def statistics_csv(data: dict) -> str:
    """The same numbers as one tidy table: week_start, week_end, dimension, value, label, count.

    One line per week for the total (dimension "total", value and label empty) and one per published row.
    A suppressed count is written as the text "<5", never as a number or an empty cell.
    """
    buffer = io.StringIO()
    writer = spreadsheets.csv_writer(buffer, lineterminator="\n")
    writer.writerow(["week_start", "week_end", "dimension", "value", "label", "count"])
    for week in data["weeks"]:
        dates = [week["week_start"], week["week_end"]]
        total = CSV_SUPPRESSED if week["total_suppressed"] else week["total"]
        writer.writerow([*dates, "total", "", "", total])
        for name, dimension in DIMENSIONS.items():
            for row in week[name]:
                count = CSV_SUPPRESSED if row["suppressed"] else row["count"]
                writer.writerow([*dates, dimension, row["value"], row["label"], count])
    return buffer.getvalue()
