"""Every admin URL needs the second factor, not only the password.

A person who has typed the right password is signed in (Django's session) but not yet verified (django-otp's
OTPMiddleware, installed before this one, says so). Until they are, /admin/ sends them to the second-factor
pages: the code (or passkey) page when they have a device, the setup page when they do not. Only sign-in,
sign-out, password reset, the second-factor pages themselves and the passkey endpoints they call are let
through. Elsewhere on the site such a half-signed-in person counts as signed out, so nothing that checks
`request.user` (Wagtail's userbar, private pages and documents) sees more than an anonymous visitor does; only the
partner portal's own second-factor and sign-out pages (PORTAL_SECOND_STEP_URL_NAMES) see who they are.
"""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .second_factor import has_any_device, has_passed

OPEN_URL_NAMES = {
    # Public anyway: the admin's icons and JavaScript translations, which every admin page (these too) loads.
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "accounts:verify",
    "accounts:setup",
}
OPEN_NAMESPACES = {"otp_webauthn"}
# Outside /admin/: the partner portal's pages for the step after the password (portal/account_views.py).
PORTAL_SECOND_STEP_URL_NAMES = {"portal:verify", "portal:setup", "portal:sign_out"}


def _view_name(request):
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or has_passed(user):
            return self.get_response(request)
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            if _view_name(request) not in PORTAL_SECOND_STEP_URL_NAMES:
                request.user = AnonymousUser()
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match and (match.view_name in OPEN_URL_NAMES or OPEN_NAMESPACES & set(match.namespaces)):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseForbidden(_("Confirm your sign-in with your second factor first."))
        step = "accounts:verify" if has_any_device(user) else "accounts:setup"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
