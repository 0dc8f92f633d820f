"""The effectiveness numbers for staff: of the reports sent, how many led to action, and how fast.

For the reports submitted in the chosen quarters (spam and duplicates left out, as in the public statistics),
by quarter of submission, category, known marketplace and the API partner a report was shared with:

- reports: how many were sent (for a partner: how many were shared with it);
- with an outcome: how many have an enforcement outcome recorded;
- led to action: how many have an outcome that is an action (codes.ACTION_CODES);
- share: led to action / reports;
- median days from the report to the action (the action's date when the officer gave one, else the day the
  outcome was recorded).

The database does the counting: one grouped query over the reports (the statistics covering index), one over
the outcomes and one per breakdown for the days to action (a histogram: the median is read from its few hundred
rows), each answered from a covering index. The result is cached for settings.STATISTICS_CACHE_SECONDS.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from library.models import ProductCategory
from partners.models import Partner
from reports.statistics import counted_reports
from triage.models import Referral

from .models import ReportOutcome
from .quarters import quarter_start, recent_quarters, short_name, start_of

MAX_QUARTERS = 12
# Breakdown -> the column on the reports and on the outcomes.
BREAKDOWNS = {
    "quarter": "quarter",
    "category": "product_category_id",
    "marketplace": "marketplace_name",
    "partner": "partner_id",
}


@dataclass
class Row:
    key: str
    label: str
    reports: int = 0
    with_outcome: int = 0
    actions: int = 0
    median_days: float | None = None

    @property
    def share(self):
        """Percent of the reports that led to action (one decimal), None without reports."""
        return round(100 * self.actions / self.reports, 1) if self.reports else None


def median_of(histogram):
    """The median of values given as {value: how many}."""
    total = sum(histogram.values())
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value in sorted(histogram):
        seen += histogram[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
    return (found[0] + found[1]) / 2


def _quarter(value):
    return quarter_start(timezone.localdate(value) if hasattr(value, "hour") else value)


def _report_counts(since):
    rows = (
        counted_reports()
        .filter(submitted_at__gte=start_of(since))
        .annotate(quarter=TruncQuarter("submitted_at"))
        .values_list("quarter", "product_category_id", "marketplace_name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {name: Counter() for name in BREAKDOWNS}
    for quarter, category, marketplace, n in rows:
        counts["quarter"][_quarter(quarter)] += n
        counts["category"][category] += n
        counts["marketplace"][marketplace] += n
    counts["partner"] = _shared_with_partners(since)
    return counts


def _shared_with_partners(since):
    """Reports (submitted since) shared with each API partner, by a referral of the report or of its case."""
    after = start_of(since)
    pairs = set(
        Referral.objects.filter(recipient__isnull=False, report__submitted_at__gte=after)
        .order_by()  # a set follows: the model's default ordering would only sort every referral first
        .values_list("recipient_id", "report_id")
    )
    pairs |= set(
        Referral.objects.filter(recipient__isnull=False, case_reports__submitted_at__gte=after)
        .order_by()
        .values_list("recipient_id", "case_reports")
    )
    return Counter(partner for partner, _report in pairs)


def _outcome_counts(since):
    outcomes = ReportOutcome.objects.filter(report_submitted_at__gte=start_of(since)).order_by()
    rows = (
        outcomes.annotate(quarter=TruncQuarter("report_submitted_at"))
        .values_list("quarter", "product_category_id", "marketplace_name", "partner_id", "led_to_action")
        .annotate(n=Count("pk"))
    )
    with_outcome = {name: Counter() for name in BREAKDOWNS}
    actions = {name: Counter() for name in BREAKDOWNS}
    for quarter, category, marketplace, partner, action, n in rows:
        keys = {"quarter": _quarter(quarter), "category": category, "marketplace": marketplace, "partner": partner}
        for name, key in keys.items():
            with_outcome[name][key] += n
            if action:
                actions[name][key] += n
    days = {}
    acted = outcomes.filter(led_to_action=True)
    for name, column in BREAKDOWNS.items():
        grouped = acted.annotate(quarter=TruncQuarter("report_submitted_at")) if name == "quarter" else acted
        histogram = defaultdict(Counter)
        for key, value, n in grouped.values_list(column, "days_to_action").annotate(n=Count("pk")):
            histogram[_quarter(key) if name == "quarter" else key][value] += n
        days[name] = histogram
    return with_outcome, actions, days


def _labels(name, keys):
    if name == "quarter":
        return {key: short_name(key) for key in keys}
    if name == "category":
        names = dict(ProductCategory.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name"))
        return {key: names.get(key, _("Category removed")) for key in keys}
    if name == "marketplace":
        return {key: key or _("Other or not known") for key in keys}
    names = dict(Partner.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name"))
    return {key: names.get(key, _("Not shared with an API partner")) for key in keys}


def compute(quarters=4, today=None):
    """{breakdown: [Row, ...]} for the last `quarters` quarters (the current one included), and the overall Row."""
    since = recent_quarters(quarters, today)[0]
    reports = _report_counts(since)
    with_outcome, actions, days = _outcome_counts(since)
    result = {}
    for name in BREAKDOWNS:
        keys = set(reports[name]) | set(with_outcome[name])
        if name == "partner":
            keys.discard(None)
        if name == "quarter":
            keys |= set(recent_quarters(quarters, today))
        labels = _labels(name, keys)
        rows = [
            Row(
                key=str(key) if key is not None else "",
                label=str(labels[key]),
                reports=reports[name][key],
                with_outcome=with_outcome[name][key],
                actions=actions[name][key],
                median_days=median_of(days[name].get(key, {})),
            )
            for key in keys
        ]
        if name == "quarter":
            rows.sort(key=lambda row: row.key)
        else:
            rows.sort(key=lambda row: (-row.reports, row.label))
        result[name] = rows
    overall = Counter()
    for histogram in days["quarter"].values():
        overall.update(histogram)
    total = Row(
        key="all",
        label=_("All reports"),
        reports=reports["quarter"].total(),
        with_outcome=with_outcome["quarter"].total(),
        actions=actions["quarter"].total(),
        median_days=median_of(overall),
    )
    return {"since": since, "quarters": quarters, "total": total, "breakdowns": result}


def cached(quarters=4):
    seconds = settings.STATISTICS_CACHE_SECONDS
    if not seconds:
        return compute(quarters)
    key = f"outcomes:effectiveness:{timezone.localdate().isoformat()}:{quarters}"
    data = cache.get(key)
    if data is None:
        data = compute(quarters)
        cache.set(key, data, seconds)
    return data
