"""One give-up rule for failing notice emails: the reporter's notices and the partners' new-referral emails."""

import os
import subprocess
import sys

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from conversations.models import Notice, Subscription
from conversations.notices import send_pending as send_reporter_notices
from reports.models import Report
from tests.portal.conftest import portal_member  # noqa: F401 - the portal's member fixture
from tests.webhooks.conftest import officer, refer_to  # noqa: F401 - the triage officer fixture
from webhooks.models import EmailNotice
from webhooks.notices import send_pending as send_partner_emails

pytestmark = pytest.mark.django_db


class CountingBrokenBackend(BaseEmailBackend):
    """A mail server that is down, counting how often it was tried."""

    tries = 0

    def send_messages(self, email_messages):
        CountingBrokenBackend.tries += 1
        raise ConnectionRefusedError("mail server down")


def tries_until_given_up(send_pending):
    CountingBrokenBackend.tries = 0
    for _ in range(10):
        send_pending()
    return CountingBrokenBackend.tries


def test_the_reporter_notice_and_the_partner_email_give_up_after_the_same_setting(
    settings,
    report,
    portal_member,  # noqa: F811
    officer,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.conversations.test_mail_retries.CountingBrokenBackend"
    settings.NOTICE_MAX_ATTEMPTS = 4

    Subscription.objects.create(report=report, last_status="under_review")
    Report.objects.filter(pk=report.pk).update(status="closed", closed_reason="actioned")
    reporter_tries = tries_until_given_up(send_reporter_notices)
    assert Notice.objects.get().gave_up_at is not None

    admin = portal_member(kind="carrier", role="admin")
    CountingBrokenBackend.tries = 0
    refer_to(admin.organisation, officer, django_capture_on_commit_callbacks)  # the first try
    partner_tries = CountingBrokenBackend.tries + tries_until_given_up(send_partner_emails)
    assert not EmailNotice.objects.exists()

    assert (reporter_tries, partner_tries) == (4, 4)


def maximum_read_from(environment):
    env = {name: value for name, value in os.environ.items() if "NOTICE_MAX_ATTEMPTS" not in name}
    code = "import website.settings.base as base; print(base.NOTICE_MAX_ATTEMPTS)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env | environment, capture_output=True, text=True, check=True
    )
    return int(result.stdout)


def test_a_deployed_env_file_with_the_old_setting_name_keeps_working():
    assert maximum_read_from({}) == 50
    assert maximum_read_from({"REPORTER_NOTICE_MAX_ATTEMPTS": "7"}) == 7
    assert maximum_read_from({"NOTICE_MAX_ATTEMPTS": "9", "REPORTER_NOTICE_MAX_ATTEMPTS": "7"}) == 9
