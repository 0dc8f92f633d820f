from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Library search"

    def ready(self):
        from . import signals  # noqa: F401
        from .library_index import LIBRARY
        from .registry import register

        register(LIBRARY)
