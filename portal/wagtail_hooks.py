from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .viewsets import PortalGroup


@hooks.register("register_admin_viewset")
def register_portal_viewsets():
    return PortalGroup()


@hooks.register("register_log_actions")
def register_portal_log_actions(actions):
    actions.register_action("portal.invite", _("Invite to the partner portal"), _("Invited to the partner portal"))
    actions.register_action(
        "portal.withdraw_invitation", _("Withdraw portal invitation"), _("Portal invitation withdrawn")
    )
    actions.register_action("portal.accept_invitation", _("Accept portal invitation"), _("Portal invitation accepted"))
    actions.register_action("portal.change_member", _("Change portal user"), _("Portal user's role or access changed"))
    actions.register_action(
        "portal.schedule_key_end", _("Set when an API key stops"), _("API key set to stop working on a date")
    )
