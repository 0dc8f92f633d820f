"""Who has a second factor, and the few things done to one: enrol, recovery codes, verify, reset.

The devices are django-otp's: TOTPDevice (an authenticator app), StaticDevice (recovery codes) and
django-otp-webauthn's WebAuthnCredential (a passkey or security key). Nothing here does any crypto.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.log_actions import log

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = _("Authenticator app")
RECOVERY_DEVICE_NAME = _("Recovery codes")
DEVICE_MODELS = (TOTPDevice, WebAuthnCredential, StaticDevice)


def is_exempt(user):
    """Development only: the settings may let the demo admin skip the second factor. Never with DEBUG off."""
    return bool(settings.DEBUG) and user.get_username() in settings.STAFF_SECOND_FACTOR_EXEMPT_USERNAMES


def has_passed(user):
    """Signed in with the password and the second factor (or exempt in development)."""
    return user.is_authenticated and (user.is_verified() or is_exempt(user))


def is_enrolled(user):
    """Has an authenticator app or a passkey. Recovery codes alone do not count: they are the way back in."""
    return (
        TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()
        or WebAuthnCredential.objects.devices_for_user(user, confirmed=True).exists()
    )


def has_any_device(user):
    return user_has_device(user, confirmed=True)


def pending_app_device(user):
    """The authenticator app being set up: unconfirmed until the person types a code from it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=str(APP_DEVICE_NAME), confirmed=False)


def app_secret(device):
    """The key in base32 in groups of four, for people who type it instead of scanning."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def qr_code_svg(device):
    """The otpauth:// address as an inline SVG QR code (no script, no external request)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#1b1b1b", light="#ffffff", title=str(_("QR code for your authenticator app"))
    )


def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT fresh single-use ones, returned once."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": str(RECOVERY_DEVICE_NAME), "confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def app_devices(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True)


def passkeys(user):
    return WebAuthnCredential.objects.devices_for_user(user, confirmed=True)


def verify(user, code, models):
    """The confirmed device among `models` that accepts `code`, or None. django-otp throttles each device."""
    code = "".join(code.split()).lower()
    with transaction.atomic():
        for model in models:
            for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
                if device.verify_token(code):
                    return device
    return None


def is_throttled(user, models):
    """Every device is waiting out django-otp's back-off after wrong codes."""
    devices = [device for model in models for device in model.objects.devices_for_user(user, confirmed=True)]
    return bool(devices) and all(not device.verify_is_allowed()[0] for device in devices)


def reset(user, by=None):
    """Remove every second factor of `user` (they enrol again at their next sign-in), in the audit log."""
    with transaction.atomic():
        removed = sum(model.objects.filter(user=user).delete()[1].get(model._meta.label, 0) for model in DEVICE_MODELS)
        log(
            instance=user,
            action="accounts.reset_second_factor",
            user=by,
            data={"username": user.get_username(), "devices": removed},
        )
    return removed
