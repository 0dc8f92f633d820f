"""Surges: categories, marketplaces, shipped-from countries, sellers and brands with far more reports in the
last 7 days than usual ("12 reports in the last 7 days, about 2 expected").

The test. "This week" is the 7 days up to now (a rolling window, so Monday's digest does not compare one day
with whole weeks); the baseline is the BASELINE_WEEKS (12) weeks before it. For each value, the number
expected in 7 days is the baseline's weekly mean (at least MIN_EXPECTED, so a value never seen before
needs several reports to stand out, not one). A value is rising when all three hold:

1. at least MIN_COUNT (5) reports in the last 7 days: a handful of reports is never a surge;
2. at least MIN_RATIO (2) times the expected number;
3. the count is very unlikely if reports kept arriving at the usual rate: under a Poisson distribution with
   the expected mean, the chance of this many or more is below ALPHA (0.01) divided by the number of values
   of that kind seen in the 13 weeks (a Bonferroni correction: 5,000 sellers are 5,000 chances of a fluke).

Why Poisson rather than an EWMA: reports about one value are rare, independent events, so a Poisson count is
the natural model, needs only the baseline total (one grouped count per value, no weekly series), and its
p-value gives one threshold that means the same for a value with 1 report a week and one with 200. With the
correction, flat data raises a false surge of a given kind in about 1 week in 100, however many values
there are (without it, a million generated reports spread evenly over 5,000 sellers showed 8 "surges" a
week). A site with less than MIN_HISTORY_WEEKS of reports has no baseline worth the name and shows no surges.

Reports staff closed as spam or as a duplicate are not counted (as in the public statistics). Values are
what the trends page shows: the category, the big marketplace from the fixed list (reports on other
marketplaces have none and are not counted by marketplace), the country code, the seller's normalised name
(TriageState.seller_key) and the brand as typed, trimmed and in lower case.

The counts come from the reports index when Elasticsearch answers (two requests: the values with MIN_COUNT or
more reports in the last 7 days and how many values each kind has, then the baseline counts of those values
only), otherwise from the database (on PostgreSQL one statement: the 13 weeks of reports read once and
counted by GROUPING SETS, one set per kind; elsewhere one grouped query per kind). Either way the work grows
with the 13 weeks of reports, not with the whole table. Brands in the index are stored as typed, so there
the number of brands counts each spelling: the correction is a little stricter for brands there.
"""

import math
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Case, CharField, Count, F, Q, When
from django.db.models.functions import Cast, Lower, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from library.models import ProductCategory
from reference.countries import country_name
from reports.choices import ClosedReason, Status
from reports.models import Report
from search.connection import get_client, index_alias
from search.fallback import with_fallback

WINDOW = timedelta(days=7)
BASELINE_WEEKS = 12
MIN_HISTORY_WEEKS = 4
MIN_COUNT = 5
MIN_RATIO = 2
MIN_EXPECTED = 0.5
ALPHA = 0.01  # per kind, over all its values (see above)
# At most this many candidate values of one kind are tested (the ones with the most reports in the last 7 days).
MAX_CANDIDATES = 500

# Kind -> (its name on the page, the database column it counts, the reports index field it counts).
KINDS = {
    "category": (_("Category"), "product_category_id", "category_id"),
    "marketplace": (_("Marketplace"), "marketplace_name", "marketplace"),
    "country": (_("Shipped from"), "shipped_from_country", "shipped_from_country"),
    "seller": (_("Seller"), "triage__seller_key", "seller"),
    "brand": (_("Brand"), "brand", "brand.raw"),
}
# Brands are stored as typed (the index's brand.raw): they are counted as the database counts them, trimmed of
# spaces and in lower case (brand_key), by adding up the variants ("Voltix", " VOLTIX") in Python.
BRAND_VARIANTS = 5000


def brand_key(text):
    """The brand as the database groups it: lower(trim(brand))."""
    return text.strip(" ").lower()


def brand_pattern(key):
    """A Lucene regular expression for every way `key` may be typed: any case, spaces around it."""
    parts = []
    for character in key:
        if character.lower() != character.upper():
            parts.append(f"[{character.lower()}{character.upper()}]")
        elif character.isalnum():
            parts.append(character)
        else:
            parts.append("\\" + character)
    return " *" + "".join(parts) + " *"


@dataclass(frozen=True)
class Surge:
    kind: str
    value: str
    label: str
    count: int  # reports in the last 7 days
    baseline: int  # reports in the baseline weeks
    weeks: int  # how many weeks the baseline covers
    p_value: float

    @property
    def kind_label(self):
        return KINDS[self.kind][0]

    @property
    def expected(self):
        return max(self.baseline / self.weeks, MIN_EXPECTED)

    @property
    def ratio(self):
        return self.count / self.expected

    @property
    def expected_text(self):
        if self.baseline / self.weeks < 1:
            return _("fewer than 1 expected")
        return _("about %(expected)s expected") % {"expected": round(self.baseline / self.weeks)}

    @property
    def explanation(self):
        """ "12 reports in the last 7 days, about 2 expected" """
        reports = ngettext(
            "%(count)s report in the last 7 days", "%(count)s reports in the last 7 days", self.count
        ) % {"count": self.count}
        return f"{reports}, {self.expected_text}"


@dataclass
class Surges:
    surges: list
    source: str
    since: object  # the start of the last 7 days
    weeks: int  # the baseline's length in weeks (0: not enough history yet)


def poisson_tail(count, mean):
    """The chance of `count` or more events when `mean` are expected (Poisson), for count above the mean."""
    if count <= mean:
        return 1.0
    term = math.exp(-mean + count * math.log(mean) - math.lgamma(count + 1))
    total, n = term, count
    while term > total * 1e-12:
        n += 1
        term *= mean / n
        total += term
    return min(total, 1.0)


def judge(kind, value, label, count, baseline, weeks, tested=1):
    """The Surge when `count` in the last 7 days is a surge against `baseline` over `weeks`, else None.
    `tested`: how many values of this kind there are (the threshold is ALPHA / tested)."""
    expected = max(baseline / weeks, MIN_EXPECTED)
    if count < MIN_COUNT or count < MIN_RATIO * expected:
        return None
    p_value = poisson_tail(count, expected)
    if p_value >= ALPHA / max(tested, 1):
        return None
    return Surge(kind, str(value), label, count, baseline, weeks, p_value)


def counted_reports():
    """Every report but those staff closed as spam or as a duplicate."""
    thrown_out = Q(status=Status.CLOSED, closed_reason__in=[ClosedReason.SPAM, ClosedReason.DUPLICATE])
    return Report.objects.exclude(thrown_out).order_by()


def history_weeks(since):
    """Whole weeks of reports before `since`, at most BASELINE_WEEKS (one indexed lookup)."""
    first = Report.objects.order_by("submitted_at").values_list("submitted_at", flat=True).first()
    if first is None or first >= since:
        return 0
    return min((since - first) // timedelta(weeks=1), BASELINE_WEEKS)


def _value_expressions(since):
    """Per kind, the value a report counts for (as text), and whether it is in the last 7 days."""
    values = {}
    for kind, (_label, column, _field) in KINDS.items():
        if kind == "brand":
            values[kind] = Lower(Trim("brand"))
        elif kind == "category":
            values[kind] = Cast(column, CharField())
        else:
            values[kind] = F(column)
    is_recent = Case(When(submitted_at__gte=since, then=True), default=False, output_field=BooleanField())
    return values, is_recent


def counts_from_database(since, baseline_start, now):
    """({kind: {value: (reports in the last 7 days, reports in the baseline)}}, {kind: values seen}) for the
    values with MIN_COUNT or more reports in the last 7 days."""
    reports = counted_reports().filter(submitted_at__gte=baseline_start, submitted_at__lt=now)
    if connection.vendor == "postgresql":
        return _counts_postgresql(reports, since)
    values, _is_recent = _value_expressions(since)
    recent, before = Q(submitted_at__gte=since), Q(submitted_at__lt=since)
    counts, tested = {}, {}
    for kind, value in values.items():
        grouped = reports.annotate(value=value).exclude(value="").exclude(value__isnull=True).values("value")
        tested[kind] = grouped.distinct().count()
        rows = (
            grouped.annotate(recent=Count("pk", filter=recent), before=Count("pk", filter=before))
            .filter(recent__gte=MIN_COUNT)
            .order_by("-recent")[:MAX_CANDIDATES]
        )
        counts[kind] = {row["value"]: (row["recent"], row["before"]) for row in rows}
    return counts, tested


def _counts_postgresql(reports, since):
    """One statement: the 13 weeks' reports (with their seller key) read once into a CTE, counted per value of
    each kind by GROUPING SETS, the values of each kind counted by a window, and only the candidates returned."""
    values, is_recent = _value_expressions(since)
    names = [f"k_{kind}" for kind in values]
    inner, params = (
        reports.annotate(is_recent=is_recent, **dict(zip(names, values.values(), strict=True)))
        .values_list("is_recent", *names)
        .query.sql_with_params()
    )
    listed = ", ".join(names)
    sets = ", ".join(f"({name})" for name in names)
    # GROUPING(a, b, c, d, e) is a bit mask with a 1 for each column the row is NOT grouped by.
    masks = {(1 << len(names)) - 1 - (1 << (len(names) - 1 - n)): kind for n, kind in enumerate(values)}
    query = f"""
        WITH counted AS MATERIALIZED ({inner}),
        grouped AS (
            SELECT GROUPING({listed}) AS mask, COALESCE({listed}) AS value,
                   COUNT(*) FILTER (WHERE is_recent) AS recent, COUNT(*) FILTER (WHERE NOT is_recent) AS before
            FROM counted GROUP BY GROUPING SETS ({sets})
        ),
        named AS (
            SELECT mask, value, recent, before, COUNT(*) OVER (PARTITION BY mask) AS tested
            FROM grouped WHERE value IS NOT NULL AND value <> ''
        )
        SELECT mask, value, recent, before, tested FROM named WHERE recent >= %s
        UNION ALL
        SELECT DISTINCT mask, NULL, 0, 0, tested FROM named
    """  # noqa: S608 - the inner query is Django's, the names are the KINDS keys, the minimum is a parameter
    counts = {kind: {} for kind in KINDS}
    tested = dict.fromkeys(KINDS, 0)
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, MIN_COUNT])
        for mask, value, recent, before, seen in cursor.fetchall():
            kind = masks[mask]
            tested[kind] = seen
            if value is not None:
                counts[kind][value] = (recent, before)
    return counts, tested


def _query(start, end):
    thrown_out = [
        {"term": {"status": Status.CLOSED}},
        {"terms": {"closed_reason": [ClosedReason.SPAM, ClosedReason.DUPLICATE]}},
    ]
    return {
        "bool": {
            "filter": [{"range": {"submitted_at": {"gte": start.isoformat(), "lt": end.isoformat()}}}],
            "must_not": [{"bool": {"filter": thrown_out}}],
        }
    }


def _terms(kind, **options):
    return {"terms": {"field": KINDS[kind][2], **options}}


def recent_body(since, baseline_start, now):
    """The first request, over the 13 weeks: per kind, how many values there are, and (within the last 7 days)
    the values with MIN_COUNT or more reports (for brands, every spelling, to be added up)."""
    recent, seen = {}, {}
    for kind in KINDS:
        # Category ids are numbers (never empty); the other fields hold "" when the report says nothing.
        options = {} if kind == "category" else {"exclude": [""]}
        if kind == "brand":
            options.update(size=BRAND_VARIANTS, min_doc_count=1)
        recent[kind] = _terms(kind, **{"size": MAX_CANDIDATES, "min_doc_count": MIN_COUNT, **options})
        field = KINDS[kind][2]
        seen[f"{kind}_values"] = {
            "filter": {"bool": {"must_not": [{"term": {field: ""}}]}} if kind != "category" else {"match_all": {}},
            "aggs": {"n": {"cardinality": {"field": field, "precision_threshold": 40000}}},
        }
    window = {"range": {"submitted_at": {"gte": since.isoformat(), "lt": now.isoformat()}}}
    return {
        "size": 0,
        "query": _query(baseline_start, now),
        "aggs": {"recent": {"filter": window, "aggs": recent}, **seen},
    }


def baseline_body(baseline_start, since, candidates):
    """The second request: the baseline counts of those values only (brands in any case, spaces around)."""
    aggs = {}
    for kind, values in candidates.items():
        if not values:
            continue
        if kind == "brand":
            include = "|".join(f"({brand_pattern(value)})" for value in sorted(values))
            aggs[kind] = _terms(kind, size=BRAND_VARIANTS, include=include)
        else:
            include = [int(value) for value in values] if kind == "category" else sorted(values)
            aggs[kind] = _terms(kind, size=len(values), include=include)
    return {"size": 0, "query": _query(baseline_start, since), "aggs": aggs}


def _bucket_counts(kind, buckets):
    counts = Counter()
    for bucket in buckets:
        value = brand_key(bucket["key"]) if kind == "brand" else str(bucket["key"])
        if value:
            counts[value] += bucket["doc_count"]
    return counts


def counts_from_elasticsearch(since, baseline_start, now):
    client, index = get_client(), index_alias("reports")
    first = client.search(index=index, body=recent_body(since, baseline_start, now))["aggregations"]
    recent = first["recent"]
    tested = {kind: first[f"{kind}_values"]["n"]["value"] for kind in KINDS}
    candidates = {}
    for kind in KINDS:
        counts = _bucket_counts(kind, recent[kind]["buckets"])
        candidates[kind] = {value: count for value, count in counts.items() if count >= MIN_COUNT}
    body = baseline_body(baseline_start, since, candidates)
    before = client.search(index=index, body=body)["aggregations"] if body["aggs"] else {}
    counts = {}
    for kind, values in candidates.items():
        baseline = _bucket_counts(kind, before.get(kind, {}).get("buckets", []))
        counts[kind] = {value: (count, baseline[value]) for value, count in values.items()}
    return counts, tested


def _labels(kind, values):
    if kind == "category":
        names = dict(ProductCategory.objects.filter(pk__in=[int(v) for v in values]).values_list("pk", "name"))
        return {value: names.get(int(value), value) for value in values}
    if kind == "country":
        return {value: f"{country_name(value)} ({value})" for value in values}
    return {value: value for value in values}


def find_surges(counted, weeks):
    """The surges among the counted values ((counts, values per kind), as counts_from_* give them), most
    surprising first."""
    counts, tested = counted
    surges = []
    for kind, values in counts.items():
        labels = _labels(kind, values)
        for value, (count, baseline) in values.items():
            surge = judge(kind, value, labels[value], count, baseline, weeks, tested[kind])
            if surge:
                surges.append(surge)
    surges.sort(key=lambda surge: (surge.p_value, -surge.count, surge.kind, surge.value))
    return surges


def compute_surges(now=None):
    """What is rising in the 7 days up to `now`, from Elasticsearch when it answers, else the database."""
    now = now or timezone.now()
    since = now - WINDOW
    weeks = history_weeks(since)
    if weeks < MIN_HISTORY_WEEKS:
        return Surges([], "database", since, 0)
    baseline_start = since - timedelta(weeks=weeks)

    def from_elasticsearch():
        return Surges(
            find_surges(counts_from_elasticsearch(since, baseline_start, now), weeks), "elasticsearch", since, weeks
        )

    def from_database():
        return Surges(find_surges(counts_from_database(since, baseline_start, now), weeks), "database", since, weeks)

    return with_fallback(from_elasticsearch, from_database, "surges")


def cached_surges():
    """compute_surges() for the trends page, kept for settings.STATISTICS_CACHE_SECONDS (the public statistics'
    setting; 0 turns it off): at a million reports the computation reads 13 weeks of reports (bench/surges_bench.py)."""
    seconds = settings.STATISTICS_CACHE_SECONDS
    if not seconds:
        return compute_surges()
    return cache.get_or_set("triage:surges", compute_surges, seconds)
