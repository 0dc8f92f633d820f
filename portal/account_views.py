"""Signing in to the portal: password (django-axes counts failures), then the second factor, and signing out.

After the right password a person is signed in but not verified. accounts/middleware.py lets such a person
reach only this file's verify, setup and sign-out pages outside /admin/ (everywhere else they count as signed
out). Wrong codes count as failed sign-ins, as for staff (accounts/second_factor_views.py).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import second_factor
from accounts.code_checks import WRONG_CODE, locked_out, passed, posted_code, wrong_code
from accounts.forms import AppCodeForm, RecoveryCodeForm

from . import invitations
from .access import active_membership, second_step_url
from .forms import WRONG_SIGN_IN, NewPasswordForm, SignInForm

NEW_CODES_SESSION_KEY = "portal.new_recovery_codes"
NOT_A_PORTAL_USER = gettext_lazy(
    "This account cannot use the partner portal. If your organisation works with CBP, ask its portal administrator"
    " to invite you. CBP staff sign in to the admin instead."
)


def next_url(request):
    """Where to go after signing in: a portal address the person asked for, else the portal home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    home = reverse("portal:home")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    portal_prefixes = (home, "/portal/", "/es/portal/")
    if allowed and target.startswith(portal_prefixes) and not target.startswith("//"):
        return target
    return home


def _with_next(url, request):
    return f"{url}?{urlencode({'next': next_url(request)})}"


def _portal_response(request, template, context, status=200):
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


class SignInView(View):
    template_name = "portal/sign_in.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and active_membership(request.user):
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, status=200):
        return _portal_response(request, self.template_name, {"form": form, "next": next_url(request)}, status)

    def get(self, request):
        return self.render(request, SignInForm(request))

    def post(self, request):
        form = SignInForm(request, request.POST)
        if not form.is_valid():
            return self.render(request, form, status=400)
        user = form.user
        # The right password for an account that is not an active portal user (CBP staff, a switched-off user):
        # the same answer as a wrong password, so the form never confirms a staff password.
        if user.is_staff or user.is_superuser or active_membership(user) is None:
            form.add_error(None, WRONG_SIGN_IN)
            return self.render(request, form, status=400)
        login(request, user)
        return redirect(_with_next(second_step_url(user), request))


class HalfSignedInMixin:
    """For the second-factor pages: a portal user who typed the right password (or is fully signed in)."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated or active_membership(user) is None or user.is_staff:
            return redirect(_with_next(reverse("portal:sign_in"), request))
        return super().dispatch(request, *args, **kwargs)


class VerifyView(HalfSignedInMixin, View):
    template_name = "portal/verify.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and second_factor.has_passed(user):
            return redirect(next_url(request))
        if user.is_authenticated and not second_factor.has_any_device(user):
            return redirect(_with_next(reverse("portal:setup"), request))
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, app_form=None, recovery_form=None, status=200):
        user = request.user
        context = {
            "app_form": app_form or AppCodeForm(prefix="app"),
            "recovery_form": recovery_form or RecoveryCodeForm(prefix="recovery"),
            "has_app": second_factor.app_devices(user).exists(),
            "has_recovery_codes": second_factor.recovery_codes_left(user) > 0,
            "next": next_url(request),
        }
        return _portal_response(request, self.template_name, context, status)

    def get(self, request):
        return locked_out(request) or self.render(request)

    def post(self, request):
        locked = locked_out(request)
        if locked:
            return locked
        device, forms, status, lockout = posted_code(request)
        if device is None:
            return lockout or self.render(request, status=status, **forms)
        if isinstance(device, StaticDevice):
            messages.warning(
                request,
                _("You used a recovery code. You have %(count)s left: make new ones on your account page.")
                % {"count": second_factor.recovery_codes_left(request.user)},
            )
        return redirect(next_url(request))


class SetupView(HalfSignedInMixin, View):
    """The first sign-in (after accepting an invitation, or after CBP reset the second factor)."""

    template_name = "portal/setup.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and second_factor.has_any_device(user) and not second_factor.has_passed(user):
            return redirect(_with_next(reverse("portal:verify"), request))
        if user.is_authenticated and second_factor.is_enrolled(user):
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form=None, status=200):
        device = second_factor.pending_app_device(request.user)
        context = {
            "form": form or AppCodeForm(),
            "qr_code": second_factor.qr_code_svg(device),
            "secret": second_factor.app_secret(device),
            "account": request.user.get_username(),
            "next": next_url(request),
        }
        return _portal_response(request, self.template_name, context, status)

    def get(self, request):
        return locked_out(request) or self.render(request)

    def post(self, request):
        locked = locked_out(request)
        if locked:
            return locked
        form = AppCodeForm(request.POST)
        if not form.is_valid():
            return self.render(request, form, status=400)
        device = second_factor.pending_app_device(request.user)
        if not device.verify_token(form.cleaned_data["code"]):
            form.add_error("code", WRONG_CODE)
            return wrong_code(request) or self.render(request, form, status=400)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        passed(request, device)
        request.session[NEW_CODES_SESSION_KEY] = second_factor.new_recovery_codes(request.user)
        messages.success(request, _("Your authenticator app is set up."))
        return redirect(_with_next(reverse("portal:recovery_codes"), request))


class SignOutView(View):
    def post(self, request):
        logout(request)
        messages.success(request, _("You are signed out."))
        return redirect("portal:sign_in")


class AcceptInvitationView(View):
    """Choose a name and password; then the setup of the authenticator app, then the recovery codes."""

    template_name = "portal/accept.html"

    def render(self, request, invitation, form, status=200):
        context = {"invitation": invitation, "form": form}
        response = _portal_response(request, self.template_name, context, status)
        response["Referrer-Policy"] = "same-origin"  # the link's token never goes to another site
        return response

    def unusable(self, request, problem):
        context = {"message": str(problem)}
        response = _portal_response(request, "portal/invitation_unusable.html", context, problem.status)
        response["Referrer-Policy"] = "same-origin"
        return response

    def get(self, request, token):
        try:
            invitation = invitations.usable(token)
        except invitations.InvitationUnusable as problem:
            return self.unusable(request, problem)
        return self.render(request, invitation, NewPasswordForm(invitation.email))

    def post(self, request, token):
        try:
            invitation = invitations.usable(token)
        except invitations.InvitationUnusable as problem:
            return self.unusable(request, problem)
        form = NewPasswordForm(invitation.email, request.POST)
        if not form.is_valid():
            return self.render(request, invitation, form, status=400)
        data = form.cleaned_data
        try:
            membership = invitations.accept(
                token, first_name=data["first_name"], last_name=data["last_name"], password=data["password1"]
            )
        except invitations.InvitationUnusable as problem:
            return self.unusable(request, problem)
        if request.user.is_authenticated:
            logout(request)
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your password is set. Now set up your second factor."))
        return redirect("portal:setup")
