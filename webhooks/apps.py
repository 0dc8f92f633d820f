from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Notice of new referrals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from partners.permissions import PolicyWithout

        from .models import Endpoint

        # Staff only read endpoints in the admin (superusers included): organisations manage them in the portal.
        register_permission_policy(Endpoint, PolicyWithout(Endpoint, {"add", "change", "delete"}))
