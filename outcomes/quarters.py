"""Calendar quarters in the site's time zone: where they start, which one is the last complete one, their names."""

from datetime import date, datetime, time

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(start: date) -> date:
    return date(start.year + 1, 1, 1) if start.month == 10 else date(start.year, start.month + 3, 1)


def previous_quarter(start: date) -> date:
    return date(start.year - 1, 10, 1) if start.month == 1 else date(start.year, start.month - 3, 1)


def last_complete_quarter(today: date | None = None) -> tuple[date, date]:
    """(first day, first day of the next quarter) of the last quarter that is over."""
    this = quarter_start(today or timezone.localdate())
    return previous_quarter(this), this


def recent_quarters(count: int, today: date | None = None) -> list[date]:
    """The first days of the last `count` quarters, the current (unfinished) one last."""
    starts = [quarter_start(today or timezone.localdate())]
    while len(starts) < count:
        starts.insert(0, previous_quarter(starts[0]))
    return starts


def start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def short_name(start: date) -> str:
    """2026 Q3"""
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"


def long_name(start: date) -> str:
    """July to September 2026 (in the active language)."""
    last_month = date(start.year, start.month + 2, 1)
    return _("%(first)s to %(last)s %(year)d") % {
        "first": formats.date_format(start, "F"),
        "last": formats.date_format(last_month, "F"),
        "year": start.year,
    }
