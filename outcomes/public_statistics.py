"""The numbers of the public statistics dashboard (/statistics/): the weekly report counts the API publishes,
outcome counts per quarter, and a plain summary of the last complete quarter.

The same small-count rules as the API (reports/statistics.py): no number from 1 to 4 is ever shown. Outcomes are
counted per quarter of the action (the action's date, else the day it was recorded), in two groups, each
de-identified on its own with reports.statistics.deidentify: the outcomes that were action, and the others. So
each group's total is the sum of its published rows, and no number can be worked out by subtraction.
"""

from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import gettext as _

from library.models import ProductCategory
from reports.statistics import CSV_SUPPRESSED, OTHER, THRESHOLD, cached_weekly_statistics, counted_reports, deidentify
from website import spreadsheets

from .codes import ACTION_CODES, OutcomeCode
from .models import ReportOutcome
from .quarters import last_complete_quarter, long_name, previous_quarter, short_name, start_of

QUARTERS = 4
WEEKS = 12


def _cached(key, compute):
    seconds = settings.STATISTICS_CACHE_SECONDS
    if not seconds:
        return compute()
    data = cache.get(key)
    if data is None:
        data = compute()
        cache.set(key, data, seconds)
    return data


def published_quarters(today=None):
    """The first days of the last QUARTERS complete quarters, oldest first."""
    start, _end = last_complete_quarter(today)
    starts = [start]
    while len(starts) < QUARTERS:
        starts.insert(0, previous_quarter(starts[0]))
    return starts


def raw_outcome_counts(starts):
    """{quarter's first day: Counter(code -> outcomes)}: one grouped query over the outcomes' acted_on index."""
    counts = {start: Counter() for start in starts}
    end = last_complete_quarter()[1] if starts else None
    bounds = [*starts, end]
    rows = (
        ReportOutcome.objects.filter(acted_on__gte=starts[0], acted_on__lt=end)
        .values_list("acted_on", "code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for day, code, n in rows:
        for start, next_start in zip(bounds, bounds[1:], strict=False):
            if start <= day < next_start:
                counts[start][code] += n
    return counts


def _group(counts, codes):
    """One group of outcome codes, de-identified: (total or None when suppressed, rows in the active language)."""
    raw = Counter({(code, str(OutcomeCode(code).label)): n for code, n in counts.items() if code in codes and n})
    total = raw.total()
    if not total:
        return 0, []
    rows = deidentify(raw)
    for row in rows:
        if row["value"] == OTHER[0]:
            row["label"] = _("Other outcomes")
    return (None if total < THRESHOLD else total), rows


def outcome_quarters(today=None):
    starts = published_quarters(today)
    counts = _cached(f"outcomes:public-counts:{starts[-1].isoformat()}", lambda: raw_outcome_counts(starts))
    other_codes = set(OutcomeCode.values) - set(ACTION_CODES)
    quarters = []
    for start in starts:
        action_total, action_rows = _group(counts[start], ACTION_CODES)
        other_total, other_rows = _group(counts[start], other_codes)
        quarters.append(
            {
                "start": start,
                "short_name": short_name(start),
                "name": long_name(start),
                "actions": action_total,
                "action_rows": action_rows,
                "others": other_total,
                "other_rows": other_rows,
            }
        )
    return quarters


def _quarter_reports(start, end):
    """(reports sent in the quarter, Counter by category id): one grouped query on the statistics index."""
    rows = (
        counted_reports()
        .filter(submitted_at__gte=start_of(start), submitted_at__lt=start_of(end))
        .values_list("product_category_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_category = Counter(dict(rows))
    return by_category.total(), by_category


def quarter_summary(today=None):
    """The plain summary of the last complete quarter: reports sent, the most reported kind of product, and what
    came of reports (only numbers of 5 or more)."""
    start, end = last_complete_quarter(today)
    total, by_category = _cached(f"outcomes:quarter-reports:{start.isoformat()}", lambda: _quarter_reports(start, end))
    outcomes = outcome_quarters(today)[-1]
    sentences = []
    if total >= THRESHOLD:
        sentences.append(
            _("In %(quarter)s, people sent us %(count)s reports.")
            % {"quarter": long_name(start), "count": f"{total:,}"}
        )
        top = [(category, n) for category, n in by_category.most_common(1) if n >= THRESHOLD]
        if top:
            category = ProductCategory.objects.filter(pk=top[0][0]).first()
            if category is not None:
                sentences.append(
                    _("The kind of product reported most was %(category)s (%(count)s reports).")
                    % {"category": category.display_name, "count": f"{top[0][1]:,}"}
                )
    elif total:
        sentences.append(
            _("In %(quarter)s, people sent us fewer than %(threshold)d reports.")
            % {"quarter": long_name(start), "threshold": THRESHOLD}
        )
    else:
        sentences.append(_("In %(quarter)s, no reports were sent.") % {"quarter": long_name(start)})
    if outcomes["actions"]:
        sentences.append(
            _(
                "Reports led to action %(count)s times: listings removed, sellers suspended, shipments stopped or seized, goods abandoned or penalties."
            )
            % {"count": f"{outcomes['actions']:,}"}
        )
    else:
        sentences.append(
            _("Fewer than %(threshold)d reports led to action that we can count.") % {"threshold": THRESHOLD}
        )
    return {"quarter": long_name(start), "sentences": sentences}


def _category_names():
    return {category.slug: category.display_name for category in ProductCategory.objects.all()}


def weekly(weeks=WEEKS):
    """The last `weeks` weeks as published by the API, and each breakdown summed over them (sums of published
    numbers only, so no new number is revealed). Category names in the active language."""
    data = cached_weekly_statistics(weeks)
    names = _category_names()
    sums = {"by_category": Counter(), "by_marketplace": Counter(), "by_shipped_from_country": Counter()}
    labels = {}
    for week in data["weeks"]:
        for name, total in sums.items():
            for row in week[name]:
                if row["suppressed"]:
                    continue
                key = (name, row["value"])
                total[row["value"]] += row["count"]
                labels[key] = row["label"]
    breakdowns = {}
    for name, total in sums.items():
        rows = []
        for value, count in total.most_common():
            label = labels[(name, value)]
            if value == OTHER[0]:
                label = _("Other")
            elif name == "by_category":
                label = names.get(value, label)
            elif name == "by_shipped_from_country" and value == "unknown":
                label = _("Not given")
            rows.append({"label": label, "count": count})
        # "Other" last, whatever its size.
        rows.sort(key=lambda row: row["label"] in (_("Other"), _("Not given")))
        breakdowns[name] = rows
    return {"weeks": data["weeks"], "breakdowns": breakdowns, "notes": data["notes"]}


def outcomes_csv(quarters, file):
    """The outcome counts as one tidy table: quarter_start, quarter, group, value, label, count. One line per group
    total (value "total") and one per published row; a suppressed count is written "<5"."""
    writer = spreadsheets.csv_writer(file, lineterminator="\n")
    writer.writerow(["quarter_start", "quarter", "group", "value", "label", "count"])

    def count(value):
        return CSV_SUPPRESSED if value is None else value

    for quarter in quarters:
        first = [quarter["start"].isoformat(), quarter["short_name"]]
        for group, total, rows in [
            ("led_to_action", quarter["actions"], quarter["action_rows"]),
            ("no_action_or_referred", quarter["others"], quarter["other_rows"]),
        ]:
            writer.writerow([*first, group, "total", "", count(total)])
            for row in rows:
                writer.writerow([*first, group, row["value"], row["label"], count(row["count"])])
