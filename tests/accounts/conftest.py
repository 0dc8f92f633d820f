"""Staff-account tests sign in the way a person does: a plain django.test.Client, password then code."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

PASSWORD = "a-long-test-password"


def app_code(device, steps_ahead=0):
    """The code the person's authenticator app shows now (or `steps_ahead` 30-second steps later)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead):06d}"


def sign_in(client, username, password=PASSWORD, address="127.0.0.1", **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


@pytest.fixture
def browser():
    """A plain client: nothing is verified unless the test goes through the code step."""
    return Client()


@pytest.fixture
def superuser(db):
    return UserFactory(username="sam", is_superuser=True, is_staff=True)


@pytest.fixture
def app_device(officer):
    return TOTPDevice.objects.create(user=officer, name="Phone", confirmed=True)


@pytest.fixture
def recovery_codes(officer):
    device = StaticDevice.objects.create(user=officer, name="Recovery codes", confirmed=True)
    codes = ["alpha123", "bravo456", "charlie7"]
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return codes
