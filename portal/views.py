"""The portal home page and the member's own account (second factor, recovery codes)."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts import second_factor

from .access import PortalMixin
from .account_views import NEW_CODES_SESSION_KEY, next_url
from .models import ROLE_HELP
from .navigation import items_for


class HomeView(PortalMixin, TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        links = [item for item in items_for(self.membership) if item.url_name != "portal:home"]
        return super().get_context_data(
            items=links,
            role_help=ROLE_HELP.get(self.membership.role, ""),
            **kwargs,
        )


class AccountView(PortalMixin, TemplateView):
    template_name = "portal/account.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            app_devices=second_factor.app_devices(user),
            recovery_codes_left=second_factor.recovery_codes_left(user),
            role_help=ROLE_HELP.get(self.membership.role, ""),
            **kwargs,
        )


class RecoveryCodesView(PortalMixin, TemplateView):
    """New recovery codes, shown once; POST makes a new set (the old ones stop working)."""

    template_name = "portal/recovery_codes.html"
    page_title = _("Recovery codes")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            codes=self.request.session.pop(NEW_CODES_SESSION_KEY, None),
            left=second_factor.recovery_codes_left(self.request.user),
            next=next_url(self.request),
            **kwargs,
        )

    def post(self, request):
        request.session[NEW_CODES_SESSION_KEY] = second_factor.new_recovery_codes(request.user)
        return redirect("portal:recovery_codes")
