from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_webhook_log_actions(actions):
    actions.register_action(
        "webhooks.rotate_secret", _("Rotate webhook secret"), _("Webhook endpoint's signing secret rotated")
    )
