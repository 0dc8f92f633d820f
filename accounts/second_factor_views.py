"""The second-factor pages every staff member sees: set up, confirm a sign-in, recovery codes, own devices."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import second_factor
from .code_checks import WRONG_CODE, locked_out, passed, posted_code, wrong_code
from .forms import AppCodeForm, RecoveryCodeForm

NEW_CODES_SESSION_KEY = "accounts.new_recovery_codes"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


class VerifyView(View):
    """After the password: a code from the app, a passkey, or a recovery code."""

    template_name = "accounts/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if second_factor.has_passed(request.user):
            return redirect(_next_url(request))
        if not second_factor.has_any_device(request.user):
            return redirect(f"{reverse('accounts:setup')}?{urlencode({'next': _next_url(request)})}")
        return locked_out(request) or super().dispatch(request, *args, **kwargs)

    def render(self, request, app_form=None, recovery_form=None, status=200):
        user = request.user
        context = {
            "app_form": app_form or AppCodeForm(prefix="app"),
            "recovery_form": recovery_form or RecoveryCodeForm(prefix="recovery"),
            "has_app": second_factor.app_devices(user).exists(),
            "has_passkey": second_factor.passkeys(user).exists(),
            "has_recovery_codes": second_factor.recovery_codes_left(user) > 0,
            "next": _next_url(request),
            "contact": settings.STAFF_SUPPORT_CONTACT,
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(request)

    def post(self, request):
        device, forms, status, lockout = posted_code(request)
        if device is None:
            return lockout or self.render(request, status=status, **forms)
        if isinstance(device, StaticDevice):
            left = second_factor.recovery_codes_left(request.user)
            messages.warning(
                request,
                _("You used a recovery code. You have %(count)s left: make new ones on the Second factor page.")
                % {"count": left},
            )
        return redirect(_next_url(request))


class SetupView(View):
    """First sign-in (or adding an app later): scan the QR code, type a code to confirm."""

    template_name = "accounts/setup.html"

    def dispatch(self, request, *args, **kwargs):
        # Someone who already has a second factor must use it before they may add another.
        if second_factor.has_any_device(request.user) and not second_factor.has_passed(request.user):
            return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': _next_url(request)})}")
        return locked_out(request) or super().dispatch(request, *args, **kwargs)

    def render(self, request, form=None, status=200):
        device = second_factor.pending_app_device(request.user)
        context = {
            "form": form or AppCodeForm(),
            "qr_code": second_factor.qr_code_svg(device),
            "secret": second_factor.app_secret(device),
            "account": request.user.get_username(),
            "first_time": not second_factor.has_any_device(request.user),
            "next": _next_url(request),
            "contact": settings.STAFF_SUPPORT_CONTACT,
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(request)

    def post(self, request):
        form = AppCodeForm(request.POST)
        if not form.is_valid():
            return self.render(request, form, status=400)
        device = second_factor.pending_app_device(request.user)
        if not device.verify_token(form.cleaned_data["code"]):
            form.add_error("code", WRONG_CODE)
            return wrong_code(request) or self.render(request, form, status=400)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        first_codes = second_factor.recovery_codes_left(request.user) == 0
        passed(request, device)
        messages.success(request, _("Your authenticator app is set up."))
        if first_codes:
            request.session[NEW_CODES_SESSION_KEY] = second_factor.new_recovery_codes(request.user)
            return redirect(f"{reverse('accounts:recovery_codes')}?{urlencode({'next': _next_url(request)})}")
        return redirect(_next_url(request))


class RecoveryCodesView(WagtailAdminTemplateMixin, View):
    """New recovery codes, shown once; POST makes a new set (the old ones stop working)."""

    template_name = "accounts/recovery_codes.html"
    page_title = gettext_lazy("Recovery codes")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("accounts:manage"), "label": _("Second factor")}]

    def get(self, request):
        codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
        context = self.get_context_data(codes=codes, next=_next_url(request))
        return TemplateResponse(request, self.template_name, context)

    def post(self, request):
        request.session[NEW_CODES_SESSION_KEY] = second_factor.new_recovery_codes(request.user)
        return redirect("accounts:recovery_codes")


class ManageView(WagtailAdminTemplateMixin, View):
    """The signed-in person's own second factors: apps, passkeys and how many recovery codes are left."""

    template_name = "accounts/manage.html"
    page_title = gettext_lazy("Second factor")
    header_icon = "key"

    def get(self, request):
        user = request.user
        context = self.get_context_data(
            app_devices=second_factor.app_devices(user),
            passkeys=second_factor.passkeys(user),
            recovery_codes_left=second_factor.recovery_codes_left(user),
        )
        return TemplateResponse(request, self.template_name, context)
