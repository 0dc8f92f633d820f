"""Panels on the Wagtail dashboard for triage staff: mine, unassigned urgent, overdue."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from reports.choices import Priority, Status

from .models import TriageReport
from .queue import overdue_q
from .saved_views import saved_views

SHOWN = 5


@dataclass
class Tally:
    label: str
    count: int
    reports: list
    queue_url: str


def _tallies(user):
    open_reports = ~Q(status=Status.CLOSED)
    filters = {
        # Keys are the saved views' positions in triage.saved_views.saved_views.
        1: Q(triage__assignee=user) & open_reports,
        2: Q(triage__assignee__isnull=True, priority=Priority.URGENT) & open_reports,
        3: overdue_q(),
    }
    index_url = reverse("triage:index")
    views = saved_views(user)
    tallies = []
    for position, condition in filters.items():
        view = views[position]
        matching = TriageReport.objects.filter(condition).order_by("submitted_at")
        tallies.append(
            Tally(
                label=view.label,
                count=matching.count(),
                reports=[
                    (report, reverse("triage:inspect", args=[report.pk]))
                    for report in matching.only("pk", "tracking_number", "priority", "submitted_at")[:SHOWN]
                ],
                queue_url=f"{index_url}?{urlencode(view.params)}",
            )
        )
    return tallies


class TriagePanel(Component):
    name = "triage_panel"
    template_name = "triage/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"tallies": _tallies(self.user), "heading": _("Your triage work")}
