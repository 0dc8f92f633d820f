from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .viewsets import PartnerApiGroup


@hooks.register("register_admin_viewset")
def register_partner_viewsets():
    return PartnerApiGroup()


@hooks.register("register_log_actions")
def register_partner_log_actions(actions):
    from .models import ResponseAction

    actions.register_action("partners.revoke_key", _("Revoke API key"), _("API key revoked"))

    @actions.register_action("partners.response")
    class PartnerResponseLog(LogFormatter):
        label = _("Partner response")

        def format_message(self, entry):
            action = dict(ResponseAction.choices).get(entry.data.get("action"), entry.data.get("action"))
            message = _("%(partner)s answered the referral: %(action)s") % {
                "partner": entry.data.get("partner", ""),
                "action": action,
            }
            if entry.data.get("note"):
                message += f" — {entry.data['note']}"
            return message
