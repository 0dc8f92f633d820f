from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = "Website"

    def ready(self):
        from . import (
            admin_choosers,
            database_unavailable,  # noqa: F401 - connects the lock timeout to new connections
        )

        admin_choosers.install()
