from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Notice of new referrals")
    default_auto_field = "django.db.models.BigAutoField"
