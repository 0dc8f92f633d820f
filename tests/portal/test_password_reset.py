"""A forgotten password: a link by email to portal users only; the new password still needs the second factor."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser_support import app_code

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "copper-meadow-tuesday-81"
LINK = re.compile(r"https?://[^/\s]+(/portal/password/[^/\s]+/[^/\s]+/)")


def test_a_member_chooses_a_new_password_and_still_needs_their_code(portal_member):
    member = portal_member()
    device = TOTPDevice.objects.create(user=member.user, name="Phone", confirmed=True)
    client = Client()
    response = client.post("/portal/password/", {"email": member.user.email.upper()})
    assert response["Location"] == "/portal/password/sent/"
    link = LINK.search(mail.outbox[-1].body).group(1)

    form_url = client.get(link)["Location"]  # Django swaps the token for a session-held one
    weak = client.post(form_url, {"new_password1": "password1234", "new_password2": "password1234"})
    assert weak.status_code == 200 and "too common" in weak.content.decode()
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/portal/password/done/"
    # Not signed in by the link: the password, then the code.
    assert client.get("/portal/")["Location"].startswith("/portal/sign-in/")
    response = client.post("/portal/sign-in/", {"email": member.user.email, "password": NEW_PASSWORD})
    assert response["Location"].startswith("/portal/verify/")
    assert client.get("/portal/")["Location"].startswith("/portal/sign-in/")
    client.post("/portal/verify/", {"app-code": app_code(device)})
    assert client.get("/portal/").status_code == 200

    # The link works once.
    again = Client().get(link, follow=True)
    assert "This link does not work" in again.content.decode()


def test_no_link_for_staff_or_switched_off_users(portal_member):
    get_user_model().objects.create_user("olivia", "olivia@cbp.example.gov", "a-long-test-password", is_staff=True)
    switched_off = portal_member()
    switched_off.active = False
    switched_off.save()
    for email in ("olivia@cbp.example.gov", switched_off.user.email, "nobody@example.com"):
        response = Client().post("/portal/password/", {"email": email})
        assert response["Location"] == "/portal/password/sent/"  # the same answer for every address
    assert mail.outbox == []


def test_reset_emails_are_limited(portal_member, settings):
    member = portal_member(kind="marketplace")
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "portal_password_reset": (2, 3600)}
    client = Client()
    answers = [client.post("/portal/password/", {"email": member.user.email}) for _ in range(4)]
    assert {response.status_code for response in answers} == {302}
    assert {response["Location"] for response in answers} == {answers[0]["Location"]}
    assert len(mail.outbox) == 2
