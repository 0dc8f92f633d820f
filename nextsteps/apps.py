from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NextStepsConfig(AppConfig):
    name = "nextsteps"
    verbose_name = _("Next steps for reporters")
