"""What the reporter is told about outcomes: the plain sentence for their closed report's outcome, and how many
reports like theirs (same category) led to action last quarter.

That count follows the public statistics' small-count rule (reports.statistics.THRESHOLD): a count under it is
never shown, so no reporter can learn of one or two other reports.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.choices import Status
from reports.statistics import THRESHOLD

from .codes import reporter_sentence
from .models import ReportOutcome
from .quarters import last_complete_quarter, long_name


def public_outcome(report):
    """{"code", "label"} for a closed report with an outcome (label: the reporter's sentence), else None."""
    if report.status != Status.CLOSED:
        return None
    code = ReportOutcome.objects.filter(report_id=report.pk).values_list("code", flat=True).first()
    if code is None:
        return None
    return {"code": code, "label": str(reporter_sentence(code))}


def actions_last_quarter(category_id, today=None):
    """How many reports of this category led to action in the last complete quarter, or None under the
    threshold (or without a category)."""
    if category_id is None:
        return None
    start, end = last_complete_quarter(today)
    key = f"outcomes:category-actions:{category_id}:{start.isoformat()}"
    seconds = settings.STATISTICS_CACHE_SECONDS
    count = cache.get(key) if seconds else None
    if count is None:
        count = ReportOutcome.objects.filter(
            product_category_id=category_id, led_to_action=True, acted_on__gte=start, acted_on__lt=end
        ).count()
        if seconds:
            cache.set(key, count, seconds)
    return count if count >= THRESHOLD else None


def actions_line(category_id, today=None):
    """The sentence for the status page and the confirmation email, or "" when the count is not shown."""
    count = actions_last_quarter(category_id, today)
    if count is None:
        return ""
    start, _end = last_complete_quarter(today)
    return ngettext(
        "Last quarter (%(quarter)s), %(count)d report about the same kind of product as yours led to action.",
        "Last quarter (%(quarter)s), %(count)d reports about the same kind of product as yours led to action.",
        count,
    ) % {"quarter": long_name(start), "count": count}


def status_context(report):
    """The status page's outcome sentence and the line about reports like this one."""
    outcome = public_outcome(report)
    return {
        "outcome": outcome,
        "outcome_heading": _("What happened") if outcome else "",
        "actions_line": actions_line(report.product_category_id),
    }
