from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrandsConfig(AppConfig):
    name = "brands"
    verbose_name = _("Brands: rights holders' brands and identification guides")
    default_auto_field = "django.db.models.BigAutoField"
