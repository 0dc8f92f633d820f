"""The "Effectiveness" page in the admin's Triage menu, beside the trends, and its CSV."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from website import spreadsheets

from . import effectiveness

PERMISSION = "outcomes.view_effectiveness"

TITLES = {
    "quarter": _("By quarter the report was sent"),
    "category": _("By category"),
    "marketplace": _("By marketplace"),
    "partner": _("By API partner the report was shared with"),
}


def may_view(user):
    return user.is_active and user.has_perm("wagtailadmin.access_admin") and user.has_perm(PERMISSION)


class EffectivenessView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "outcomes/effectiveness.html"
    page_title = _("Effectiveness")
    header_icon = "success"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def quarters(self):
        try:
            return max(1, min(int(self.request.GET.get("quarters", 4)), effectiveness.MAX_QUARTERS))
        except ValueError:
            return 4

    def get(self, request, *args, **kwargs):
        data = effectiveness.cached(self.quarters())
        if request.GET.get("format") == "csv":
            return effectiveness_csv(data)
        tables = [{"key": name, "title": TITLES[name], "rows": rows} for name, rows in data["breakdowns"].items()]
        return self.render_to_response(
            self.get_context_data(data=data, tables=tables, max_quarters=effectiveness.MAX_QUARTERS)
        )


def effectiveness_csv(data):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-effectiveness-{data["since"]:%Y-%m-%d}.csv"'
    writer = spreadsheets.csv_writer(response)
    writer.writerow(
        ["breakdown", "value", "label", "reports", "with_outcome", "led_to_action", "share_percent", "median_days"]
    )

    def line(name, row):
        share = "" if row.share is None else row.share
        median = "" if row.median_days is None else row.median_days
        writer.writerow([name, row.key, row.label, row.reports, row.with_outcome, row.actions, share, median])

    line("all", data["total"])
    for name, rows in data["breakdowns"].items():
        for row in rows:
            line(name, row)
    return response
