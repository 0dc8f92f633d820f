from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Enforcement outcomes")
    default_auto_field = "django.db.models.BigAutoField"
