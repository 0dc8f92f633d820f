"""System checks: no staff account may skip the second factor outside development."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def second_factor_exemptions(app_configs, **kwargs):
    if settings.STAFF_SECOND_FACTOR_EXEMPT_USERNAMES and not settings.DEBUG:
        return [
            Error(
                "STAFF_SECOND_FACTOR_EXEMPT_USERNAMES is set while DEBUG is off.",
                hint="Only the development settings may let the demo admin skip the second factor.",
                id="accounts.E001",
            )
        ]
    return []
