"""Template filters for times on staff pages: the rule in website/times.py."""

from django import template

from website import times

register = template.Library()

register.filter("site_datetime", times.display_datetime)
register.filter("site_date", times.display_date)
register.filter("iso_datetime", times.iso_datetime)
register.filter("iso_date", times.iso_date)
register.filter("yes_no", times.yes_no)
