"""How the staff admin shows dates, times and yes/no (the rule is website/times.py).

Listing columns that show what a value is, not how long ago it was.

Wagtail's DateColumn shows "3 days ago" (and "Just now" for any date in the future, such as a validity that ends
in 2028). These show the date itself, and a date and time in the site's time zone (settings.TIME_ZONE), the same
zone as every other staff page.
"""

import datetime

from wagtail.admin.ui.tables import Column

from website import times


class CalendarDateColumn(Column):
    """A date (or the local date of a date and time), as a date: 30 Nov 2026."""

    cell_template_name = "website/admin/date_cell.html"


class LocalDateTimeColumn(Column):
    """A date and time in the site's time zone, with its zone: 30 Nov 2026, 9:15 a.m. EST."""

    cell_template_name = "website/admin/datetime_cell.html"


class SiteTimesInspectMixin:
    """For a Wagtail InspectView: dates and times in the site's time zone, True and False as Yes and No.

    Wagtail hands the raw value to the template, where a filter chain such as `|default_if_none|localize` skips
    Django's conversion to local time, so a page showed UTC next to Eastern time. This formats the value first."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return times.yes_no(value)
        if isinstance(value, datetime.date):
            return times.display_datetime(value)
        return value


class YesNoColumn(Column):
    """True and False as Yes and No."""

    def get_value(self, instance):
        return times.yes_no(super().get_value(instance))
