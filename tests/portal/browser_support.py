"""Browser helpers for the portal: sign in as a member with the real password and authenticator-app steps."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser_support import app_code
from tests.portal.members import PASSWORD


def sign_in_to_portal(page, live_server, membership, password=PASSWORD):
    """Type the member's email and password at /portal/sign-in/, then a code from their app; ends on the home page.

    `live_server` is pytest-django's live_server (or its URL). The member's confirmed TOTP device is created when
    they have none, as if they had set it up when they accepted their invitation. Returns that device.
    """
    base_url = getattr(live_server, "url", live_server)
    user = membership.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Phone", confirmed=True
    )
    page.goto(base_url + "/portal/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/portal/verify/**")
    page.get_by_label("Code from your authenticator app").fill(app_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(base_url + "/portal/")
    return device
