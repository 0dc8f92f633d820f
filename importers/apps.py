from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportersConfig(AppConfig):
    name = "importers"
    verbose_name = _("Trusted importers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search.registry import register

        from . import signals  # noqa: F401
        from .documents import IMPORTERS

        register(IMPORTERS)
