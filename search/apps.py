from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Library search")

    def ready(self):
        from . import signals  # noqa: F401
        from .library_index import LIBRARY
        from .registry import register

        register(LIBRARY)
