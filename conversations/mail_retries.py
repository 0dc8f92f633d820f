"""When a failing notice email is given up: the one rule for the reporter's notices and the partners' emails.

A refused address is given up at once (the mail server said it will never take it); any other failure is tried
again on the sender's next run, up to NOTICE_MAX_ATTEMPTS failed runs, so no address is retried for ever.
"""

from smtplib import SMTPRecipientsRefused

from django.conf import settings


def gives_up(error, failed_attempts):
    """True when an email that just failed with `error`, its `failed_attempts`th failure, is not tried again."""
    return isinstance(error, SMTPRecipientsRefused) or failed_attempts >= settings.NOTICE_MAX_ATTEMPTS
