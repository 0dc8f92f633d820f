"""Finding a report from its tracking number and receipt key, the same way for the status page and the API.

An unknown number and a wrong key give the same answer, after the same work (the key is always hashed and
compared). Every attempt counts against the client's "status" limit, and failures against a tighter
"status_failure" limit, so guessing is slowed down.
"""

from django.utils.translation import gettext_lazy as _

from . import ratelimits
from .models import Report
from .receipts import check_receipt_key, normalize_tracking_number

NOT_FOUND = _("We could not find a report with that tracking number and receipt key.")
TOO_MANY = _("You have tried too many times. Wait %(minutes)s minutes, then try again.")


def too_many_message(retry_after):
    return TOO_MANY % {"minutes": max(1, -(-retry_after // 60))}


def allowed(client):
    """Count one lookup. Returns a ratelimits.Verdict."""
    failures = ratelimits.check("status_failure", client)
    if not failures.allowed:
        return failures
    return ratelimits.hit("status", client)


def find_report(tracking_number, receipt_key, client):
    """The report, or None for an unknown number or a wrong key (recorded as a failure)."""
    number = normalize_tracking_number(tracking_number)
    report = Report.objects.filter(tracking_number=number).first() if number else None
    matched = check_receipt_key(receipt_key or "", report.receipt_key_hash if report else None)
    if report is None or not matched:
        ratelimits.hit("status_failure", client)
        return None
    return report
