"""The audit log actions of webhook endpoints, in plain words. The entries name the organisation and the address
(and what changed, or which event was replayed): never a secret."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("register_log_actions")
def register_webhook_log_actions(actions):
    class EndpointLog(LogFormatter):
        text = ""

        def format_message(self, entry):
            return self.text % {"organisation": entry.data.get("organisation", ""), "url": entry.data.get("url", "")}

    @actions.register_action("webhooks.create")
    class Created(EndpointLog):
        label = _("Add webhook endpoint")
        text = _("Webhook endpoint %(url)s added for %(organisation)s")

    @actions.register_action("webhooks.edit")
    class Edited(EndpointLog):
        label = _("Edit webhook endpoint")
        names = {"url": _("address"), "description": _("description")}

        def format_message(self, entry):
            changes = entry.data.get("changes", {})
            parts = [
                _("%(field)s from “%(old)s” to “%(new)s”")
                % {"field": self.names.get(field, field), "old": change.get("from", ""), "new": change.get("to", "")}
                for field, change in changes.items()
            ]
            organisation = entry.data.get("organisation", "")
            if not parts:  # the portal logs no such edit now; older entries and other tools may
                return _("Webhook endpoint of %(organisation)s saved with no changes") % {"organisation": organisation}
            return _("Webhook endpoint of %(organisation)s changed: %(changes)s") % {
                "organisation": organisation,
                "changes": "; ".join(str(part) for part in parts),
            }

    @actions.register_action("webhooks.enable")
    class Enabled(EndpointLog):
        label = _("Enable webhook endpoint")
        text = _("Webhook endpoint %(url)s of %(organisation)s enabled")

    @actions.register_action("webhooks.disable")
    class Disabled(EndpointLog):
        label = _("Disable webhook endpoint")
        text = _("Webhook endpoint %(url)s of %(organisation)s disabled")

    @actions.register_action("webhooks.delete")
    class Deleted(EndpointLog):
        label = _("Delete webhook endpoint")
        text = _("Webhook endpoint %(url)s of %(organisation)s deleted, with its delivery log")

    actions.register_action(
        "webhooks.rotate_secret", _("Rotate webhook secret"), _("Webhook endpoint's signing secret rotated")
    )

    @actions.register_action("webhooks.replay")
    class Replayed(EndpointLog):
        label = _("Replay webhook delivery")

        def format_message(self, entry):
            return _("Delivery of event %(event)s replayed to %(url)s") % {
                "event": entry.data.get("event_id", ""),
                "url": entry.data.get("url", ""),
            }
