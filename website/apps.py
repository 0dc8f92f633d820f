import logging

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("website.mail")


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from . import (
            admin_choosers,
            database_unavailable,  # noqa: F401 - connects the lock timeout to new connections
            frontend_cache,
        )

        admin_choosers.install()
        frontend_cache.connect()
        if settings.EMAIL_DISABLED:
            logger.warning(
                "EMAIL_DISABLED is set: this site sends no email. Password resets and confirmation emails are dropped."
            )
