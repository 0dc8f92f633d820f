"""Checking the code typed on a second-factor page, for staff (accounts/) and for portal users (portal/).

Wrong codes count as failed sign-ins for the account and the address (django-axes), together with wrong
passwords, so guessing codes runs into the same lockout as guessing passwords.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as reset_failures
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import second_factor
from .forms import AppCodeForm, RecoveryCodeForm
from .lockouts import lockout_response

WRONG_CODE = gettext_lazy("That code did not work. Type the newest code from your app (check your phone's clock).")
WRONG_RECOVERY_CODE = gettext_lazy("That recovery code did not work. Each code works only once: try another.")
THROTTLED = gettext_lazy("Too many wrong codes in a row. Wait a minute, then try the newest code.")


def _credentials(request):
    return {"username": request.user.get_username()}


def locked_out(request):
    """Over the sign-in failure limit (wrong passwords and wrong codes together): sign out and say so."""
    if AxesProxyHandler.is_locked(request, _credentials(request)):
        logout(request)
        return lockout_response(request)
    return None


def wrong_code(request):
    """Count a wrong code as a failed sign-in; the lockout answer when that was one too many, else None."""
    user_login_failed.send(sender=__name__, credentials=_credentials(request), request=request)
    return locked_out(request)


def passed(request, device):
    otp_login(request, device)
    reset_failures(username=request.user.get_username())


def posted_code(request):
    """Check the app code or recovery code a verify page posted.

    Returns (device, forms, status, lockout): the device when the code worked; otherwise the bound forms (the
    error added) and the status to answer with (400, or 429 while throttled), or `lockout`, the response to send
    when this wrong code was one too many.
    """
    if "recovery-recovery_code" in request.POST:
        form, field, models = RecoveryCodeForm(request.POST, prefix="recovery"), "recovery_code", [StaticDevice]
        forms, wrong = {"recovery_form": form}, WRONG_RECOVERY_CODE
    else:
        form, field, models = AppCodeForm(request.POST, prefix="app"), "code", [TOTPDevice]
        forms, wrong = {"app_form": form}, WRONG_CODE
    if not form.is_valid():
        return None, forms, 400, None
    if second_factor.is_throttled(request.user, models):
        form.add_error(field, THROTTLED)
        return None, forms, 429, wrong_code(request)
    device = second_factor.verify(request.user, form.cleaned_data[field], models)
    if device is None:
        form.add_error(field, wrong)
        return None, forms, 400, wrong_code(request)
    passed(request, device)
    return device, forms, 200, None
