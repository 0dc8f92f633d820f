"""The public statistics dashboard at /statistics/ (and /es/statistics/), and its outcomes CSV."""

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reports.statistics import MAX_WEEKS, THRESHOLD

from . import public_statistics
from .charts import bar_chart


def _chart(key, title, rows):
    return {"key": key, "title": title, "rows": rows, "svg": bar_chart([(row["label"], row["count"]) for row in rows])}


@require_GET
def dashboard(request):
    weekly = public_statistics.weekly()
    week_rows = [
        {
            "label": _("Week of %(date)s") % {"date": date_format(date.fromisoformat(week["week_start"]))},
            "count": week["total"],
            "suppressed": week["total_suppressed"],
        }
        for week in weekly["weeks"]
    ]
    charts = [
        _chart("weeks", _("Reports per week"), week_rows),
        _chart("category", _("Reports by kind of product, last 12 weeks"), weekly["breakdowns"]["by_category"]),
        _chart("marketplace", _("Reports by marketplace, last 12 weeks"), weekly["breakdowns"]["by_marketplace"]),
        _chart(
            "country",
            _("Reports by country the item was shipped from, last 12 weeks"),
            weekly["breakdowns"]["by_shipped_from_country"],
        ),
    ]
    quarters = public_statistics.outcome_quarters()
    latest = quarters[-1]
    outcome_charts = [
        _chart(
            "actions",
            _("Reports that led to action in %(quarter)s") % {"quarter": latest["name"]},
            latest["action_rows"],
        ),
        _chart(
            "other-outcomes",
            _("Other outcomes in %(quarter)s") % {"quarter": latest["name"]},
            latest["other_rows"],
        ),
    ]
    return render(
        request,
        "outcomes/statistics.html",
        {
            "summary": public_statistics.quarter_summary(),
            "charts": charts,
            "outcome_charts": outcome_charts,
            "quarters": quarters,
            "threshold": THRESHOLD,
            "max_weeks": MAX_WEEKS,
        },
    )


@require_GET
def outcomes_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="counterfeit-report-outcomes.csv"'
    public_statistics.outcomes_csv(public_statistics.outcome_quarters(), response)
    return response
