"""Listing columns for the staff admin that show what a value is, not how long ago it was.

Wagtail's DateColumn shows "3 days ago" (and "Just now" for any date in the future, such as a validity that ends
in 2028). These show the date itself, and a date and time in the site's time zone (settings.TIME_ZONE), the same
zone as every other staff page.
"""

from wagtail.admin.ui.tables import Column


class CalendarDateColumn(Column):
    """A date (or the local date of a date and time), as a date: 30 Nov 2026."""

    cell_template_name = "website/admin/date_cell.html"


class LocalDateTimeColumn(Column):
    """A date and time in the site's time zone, with its zone: 30 Nov 2026, 9:15 a.m. EST."""

    cell_template_name = "website/admin/datetime_cell.html"
