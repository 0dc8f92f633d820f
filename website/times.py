"""How staff pages and exports write times, dates and yes/no: one rule, used everywhere.

- On screen: in the site's time zone (settings.TIME_ZONE, America/New_York), whatever zone a user's profile or
  the request has active, with the zone's abbreviation: "30 Nov 2026, 09:15 EST". Dates are dates: "30 Nov 2026".
- In exports (CSV and XLSX, through website/spreadsheets.py): ISO 8601 in the site's zone with its UTC offset and
  no fractions of a second, "2026-11-30T09:15:00-05:00"; dates "2026-11-30".
- True and False are written "Yes" and "No".
Template filters of the same names are in website/templatetags/site_times.py.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.translation import gettext


def site_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def in_site_zone(value):
    """A date and time as the site's clock showed it (a naive value is taken to be in the site's zone)."""
    if timezone.is_naive(value):
        return timezone.make_aware(value, site_zone())
    return timezone.localtime(value, site_zone())


def iso_datetime(value):
    """2026-11-30T09:15:00-05:00: the site's zone, its offset, whole seconds."""
    if isinstance(value, datetime.datetime):
        return in_site_zone(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def iso_date(value):
    if isinstance(value, datetime.datetime):
        return in_site_zone(value).date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def display_datetime(value):
    """30 Nov 2026, 09:15 EST (a date alone is shown as a date)."""
    if isinstance(value, datetime.datetime):
        return dateformat.format(in_site_zone(value), "j M Y, H:i T")
    return display_date(value)


def display_date(value):
    if isinstance(value, datetime.datetime):
        value = in_site_zone(value).date()
    if isinstance(value, datetime.date):
        return dateformat.format(value, "j M Y")
    return value


def yes_no(value):
    return gettext("Yes") if value else gettext("No")


def export_value(value):
    """A value as an export writes it: times in ISO 8601 with the offset, booleans as Yes/No."""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime.date):
        return iso_datetime(value)
    return value
