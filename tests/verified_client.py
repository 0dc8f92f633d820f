"""A test client whose signed-in user has already passed the second factor.

Most tests are about what staff can do once signed in, not about signing in. `force_login` here also marks the
session as verified with a confirmed authenticator-app device, the way the password step and then the code step
would. That this holds only after both real steps is proved separately in tests/accounts/ (which use a plain
django.test.Client).
"""

from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator app", confirmed=True)


class VerifiedClient(Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
        session.save()

    def login(self, **credentials):
        """Like Client.login, with a request for django-axes, then verified like force_login."""
        user = authenticate(RequestFactory().post("/admin/login/"), **credentials)
        if user is None:
            return False
        self.force_login(user)
        return True
