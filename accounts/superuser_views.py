"""Superusers only: reset someone's lost second factor, and unlock sign-in after too many failures."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import lockouts, second_factor
from .forms import ConfirmForm


class SuperuserOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffSecondFactorsView(SuperuserOnlyMixin, WagtailAdminTemplateMixin, View):
    """Every active account with what second factor it has, and a reset link."""

    template_name = "accounts/staff_second_factors.html"
    page_title = gettext_lazy("Staff second factors")
    header_icon = "key"

    def get(self, request):
        rows = [
            {
                "user": user,
                "apps": second_factor.app_devices(user).count(),
                "passkeys": second_factor.passkeys(user).count(),
                "recovery_codes": second_factor.recovery_codes_left(user),
            }
            for user in get_user_model().objects.filter(is_active=True).order_by("username")
        ]
        return TemplateResponse(request, self.template_name, self.get_context_data(rows=rows))


class ResetSecondFactorView(SuperuserOnlyMixin, WagtailAdminTemplateMixin, View):
    """Confirm, then remove every second factor of one person (audit-logged). They set up again at sign-in."""

    template_name = "accounts/reset_second_factor.html"
    page_title = gettext_lazy("Reset second factor")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("accounts:staff"), "label": _("Staff second factors")}]

    def render(self, request, target, form):
        context = self.get_context_data(
            target=target,
            form=form,
            apps=second_factor.app_devices(target).count(),
            passkeys=second_factor.passkeys(target).count(),
            recovery_codes=second_factor.recovery_codes_left(target),
        )
        return TemplateResponse(request, self.template_name, context, status=400 if form.errors else 200)

    def get(self, request, pk):
        return self.render(request, get_object_or_404(get_user_model(), pk=pk), ConfirmForm())

    def post(self, request, pk):
        target = get_object_or_404(get_user_model(), pk=pk)
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return self.render(request, target, form)
        second_factor.reset(target, by=request.user)
        messages.success(
            request,
            _("The second factor of %(name)s was reset. They set up a new one the next time they sign in.")
            % {"name": target.get_username()},
        )
        return redirect("accounts:staff")


class LockoutsView(SuperuserOnlyMixin, WagtailAdminTemplateMixin, View):
    """Accounts and addresses locked out of sign-in by django-axes, with Unlock buttons."""

    template_name = "accounts/lockouts.html"
    page_title = gettext_lazy("Locked sign-ins")
    header_icon = "lock"

    def get(self, request):
        return TemplateResponse(
            request, self.template_name, self.get_context_data(lockouts=lockouts.active_lockouts())
        )

    def post(self, request):
        kind, value = request.POST.get("kind"), request.POST.get("value", "")
        if kind not in ("account", "address") or not value:
            messages.error(request, _("Choose an account or address to unlock."))
            return redirect("accounts:lockouts")
        lockouts.unlock(kind, value, by=request.user)
        messages.success(request, _("%(value)s can sign in again.") % {"value": value})
        return redirect("accounts:lockouts")
