from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .viewsets import TargetingGroup


@hooks.register("register_admin_viewset")
def register_targeting_viewsets():
    return TargetingGroup()


@hooks.register("register_log_actions")
def register_targeting_log_actions(actions):
    from .models import LeadStatus

    @actions.register_action("targeting.lead_review")
    class ReviewLead(LogFormatter):
        label = _("Review a border lead")

        def format_message(self, entry):
            labels = dict(LeadStatus.choices)
            return _("Lead marked %(status)s") % {"status": labels.get(entry.data.get("to"), entry.data.get("to"))}

    @actions.register_action("targeting.leads_export")
    class ExportLeads(LogFormatter):
        label = _("Export border leads")

        def format_message(self, entry):
            if entry.data.get("partner"):
                return _("Border leads read through the API by %(partner)s (key %(key)s)") % {
                    "partner": entry.data["partner"],
                    "key": entry.data.get("key", ""),
                }
            return _("Border leads exported as %(format)s (%(status)s)") % {
                "format": entry.data.get("format", "").upper(),
                "status": entry.data.get("status", ""),
            }
