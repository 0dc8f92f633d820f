"""Saved views above the queue: plain filter URLs, and which one the officer is looking at."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from reports.choices import Priority, Status

# Query parameters that change the page or order, not which reports are shown.
NOT_FILTERS = {"p", "ordering", "export"}


@dataclass
class SavedView:
    label: str
    params: dict
    url: str = ""
    current: bool = False


def saved_views(user):
    """Open (the default: everything not closed), Mine, Unassigned urgent, Overdue and Closed."""
    return [
        SavedView(_("Open"), {}),
        SavedView(_("Mine"), {"assignee": str(user.pk)}),
        SavedView(_("Unassigned urgent"), {"assignee": "null", "priority": Priority.URGENT.value}),
        SavedView(_("Overdue"), {"overdue": "true"}),
        SavedView(_("Closed"), {"status": Status.CLOSED.value}),
    ]


def saved_views_for(request, index_url):
    """The saved views with their URLs; the one whose filters are exactly the request's is `current`."""
    shown = {
        name: sorted(value for value in request.GET.getlist(name) if value)
        for name in request.GET
        if name not in NOT_FILTERS
    }
    shown = {name: values for name, values in shown.items() if values}
    views = saved_views(request.user)
    for view in views:
        view.url = f"{index_url}?{urlencode(view.params)}" if view.params else index_url
        view.current = shown == {name: [value] for name, value in view.params.items()}
    return views


def shows_closed(data):
    """Whether the officer asked for closed reports: by status, by why they were closed, or by searching.

    Otherwise the queue leaves closed reports out."""
    return any(data.get(name) for name in ("status", "closed_reason", "q"))
