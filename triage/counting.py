"""Counting reports without counting a million rows: exact up to a cap, then an estimate.

Counting every matching row is what made the queue slow with a million reports. Here a count stops at
COUNT_CAP + 1 rows (a bounded read, whatever the filters); past the cap, PostgreSQL's planner estimate gives
the order of magnitude ("about 1.2 million reports"), and on other databases the count says "more than 1,000
reports". The listing pages over at most PAGED_ROWS rows (200 pages of 50); past them, officers filter.
"""

import json
from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma, intword
from django.db import connection
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.paginator import WagtailPaginator

COUNT_CAP = 1_000
PAGED_ROWS = 10_000


def round_estimate(number):
    """Two significant figures: 1,234,567 -> 1,200,000; 45,678 -> 46,000."""
    digits = len(str(int(number)))
    return int(round(number, 2 - digits)) if digits > 2 else int(number)


@dataclass(frozen=True)
class CappedCount:
    number: int  # exact when not capped; the cap when capped
    capped: bool = False
    estimate: int | None = None  # the planner's estimate, when capped and it is above the cap

    def __str__(self):
        return self.text

    @property
    def text(self):
        """The number as people read it: "234", "about 1.2 million", "more than 1,000"."""
        if not self.capped:
            return intcomma(self.number)
        if self.estimate:
            rounded = round_estimate(self.estimate)
            return _("about %(number)s") % {"number": intword(rounded) if rounded >= 10**6 else intcomma(rounded)}
        return _("more than %(number)s") % {"number": intcomma(self.number)}

    def reports(self):
        """ "1 report", "234 reports", "about 1.2 million reports", "more than 1,000 reports"."""
        count = self.estimate or self.number
        return ngettext("%(count)s report", "%(count)s reports", count) % {"count": self.text}


def planner_estimate(queryset):
    """PostgreSQL's estimate of the rows `queryset` returns (EXPLAIN, nothing is run); None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def capped_count(queryset, cap=None):
    """Count up to `cap` (COUNT_CAP); past it, say so (with the planner's estimate when there is one)."""
    cap = COUNT_CAP if cap is None else cap
    number = queryset.order_by()[: cap + 1].count()
    if number <= cap:
        return CappedCount(number)
    estimate = planner_estimate(queryset)
    return CappedCount(cap, capped=True, estimate=estimate if estimate and estimate > cap else None)


class CappedPaginator(WagtailPaginator):
    """Counted with capped_count. Pages go as far as the estimate says, up to PAGED_ROWS rows (COUNT_CAP rows
    without an estimate); past them the officer narrows the filters or searches (the list says so). Offsets
    stay small, so every page is quick."""

    @cached_property
    def capped_count(self):
        return capped_count(self.object_list)

    @cached_property
    def count(self):
        counted = self.capped_count
        if not counted.capped:
            return counted.number
        return min(counted.estimate or counted.number, PAGED_ROWS)

    @property
    def cut_short(self):
        """True when some matching reports are past the last page."""
        counted = self.capped_count
        return counted.capped and (counted.estimate or counted.number + 1) > self.count

    @cached_property
    def items_count_label(self):
        return self.capped_count.reports()
