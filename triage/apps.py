from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = _("Triage of reports (CBP staff)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from search.registry import register

        from . import signals  # noqa: F401 - connects the receivers
        from .documents import REPORTS
        from .models import TriageReport
        from .permissions import policy

        register_permission_policy(TriageReport, policy, exact_class=True)
        register(REPORTS)
