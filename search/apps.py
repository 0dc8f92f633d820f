from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Library search")

    def ready(self):
        from . import meaning, signals  # noqa: F401 - meaning registers its system check
        from .library_index import LIBRARY
        from .registry import register

        register(LIBRARY)
