"""Emails about new referrals: to the organisation's active members who want them, with no report content."""

import pytest
from django.core import mail

from tests.webhooks.conftest import refer_to
from triage import operations
from webhooks.models import EmailNotice
from webhooks.notices import send_pending
from webhooks.preferences import set_wants_email

pytestmark = pytest.mark.django_db


def test_admins_and_responders_get_an_email_with_only_a_link(
    portal_member, officer, django_capture_on_commit_callbacks
):
    admin = portal_member(kind="marketplace", role="admin")
    organisation = admin.organisation
    responder = portal_member(role="responder", organisation=organisation)
    viewer = portal_member(role="viewer", organisation=organisation)
    opted_out = portal_member(role="responder", organisation=organisation)
    set_wants_email(opted_out.user, False)
    opted_in_viewer = portal_member(role="viewer", organisation=organisation)
    set_wants_email(opted_in_viewer.user, True)
    left = portal_member(role="admin", organisation=organisation)
    left.active = False
    left.save()
    elsewhere = portal_member(kind="marketplace", role="admin")

    refer_to(organisation, officer, django_capture_on_commit_callbacks)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([admin.user.email, responder.user.email, opted_in_viewer.user.email])
    for absent in (viewer, opted_out, left, elsewhere):
        assert absent.user.email not in recipients
    message = mail.outbox[0]
    assert organisation.name in message.subject
    assert "/portal/" in message.body
    for private in ("Ana Reporter", "ana@example.com", "melted", "ORDER-SECRET", "volt-deals", "check this listing"):
        assert private not in message.body and private not in message.subject
    assert not EmailNotice.objects.exists()


def test_an_agency_organisation_hears_of_referrals_to_its_agency(
    portal_member, officer, django_capture_on_commit_callbacks
):
    fda = portal_member(kind="agency", role="admin", agency="fda")
    cpsc = portal_member(kind="agency", role="admin", agency="cpsc")
    from tests.webhooks.conftest import a_report

    with django_capture_on_commit_callbacks(execute=True):
        operations.refer(agency="fda", note="", user=officer, report=a_report())
    assert [message.to for message in mail.outbox] == [[fda.user.email]]
    assert cpsc.user.email not in str([message.to for message in mail.outbox])


def test_a_mail_server_that_is_away_loses_nothing(
    settings, portal_member, officer, django_capture_on_commit_callbacks
):
    admin = portal_member(kind="carrier", role="admin")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens

    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    notice = EmailNotice.objects.get()
    assert notice.attempts == 1 and notice.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending() == (1, 0)
    assert [message.to for message in mail.outbox] == [[admin.user.email]]
    assert not EmailNotice.objects.exists()


def test_a_member_who_turned_emails_off_after_the_referral_gets_nothing(
    settings, portal_member, officer, django_capture_on_commit_callbacks
):
    admin = portal_member(kind="marketplace", role="admin")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    set_wants_email(admin.user, False)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending() == (1, 0)
    assert mail.outbox == []


def test_a_refused_address_or_a_server_down_for_too_long_is_given_up(
    settings, portal_member, officer, django_capture_on_commit_callbacks
):
    admin = portal_member(kind="carrier", role="admin")
    settings.EMAIL_BACKEND = "tests.reports.broken_mail.RecipientRefusedBackend"
    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)
    assert not EmailNotice.objects.exists()  # refused for good: not retried

    settings.EMAIL_BACKEND = "tests.reports.broken_mail.BrokenBackend"
    settings.NOTICE_MAX_ATTEMPTS = 3
    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)  # the first try
    assert [send_pending() for _ in range(3)] == [(0, 1), (1, 0), (0, 0)]
    assert not EmailNotice.objects.exists() and not mail.outbox
