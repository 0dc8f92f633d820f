"""Finding a report from its tracking number and receipt key, the same way for the status page and the API.

An unknown number and a wrong key give the same answer, after the same work (the key is always hashed and
compared). Every attempt counts against the client's "status" limit, and failures against a tighter
"status_failure" limit, so guessing is slowed down.

The failure limit holds under parallel requests: each lookup first takes a failure slot (atomically, see
ratelimits.hit) and gives it back only when the key was right, so no more wrong guesses are ever answered
in a window than the limit allows, however many arrive at once.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import ratelimits
from .models import Report
from .receipts import check_receipt_key, normalize_tracking_number

NOT_FOUND = _("We could not find a report with that tracking number and receipt key.")
TOO_MANY = _("You have tried too many times. Wait %(minutes)s minutes, then try again.")


def too_many_message(retry_after):
    return TOO_MANY % {"minutes": max(1, -(-retry_after // 60))}


@dataclass(frozen=True)
class Lookup:
    """What a lookup found: the report (None for an unknown number or a wrong key), or the refusal."""

    report: Report | None = None
    refused: ratelimits.Verdict | None = None


def find_report(tracking_number, receipt_key, client):
    """Count one lookup and check the key. A wrong key or unknown number keeps its failure slot."""
    failure = ratelimits.hit("status_failure", client)
    if not failure.allowed:
        return Lookup(refused=failure)
    attempt = ratelimits.hit("status", client)
    if not attempt.allowed:
        ratelimits.give_back(failure)
        return Lookup(refused=attempt)
    number = normalize_tracking_number(tracking_number)
    report = Report.objects.filter(tracking_number=number).first() if number else None
    matched = check_receipt_key(receipt_key or "", report.receipt_key_hash if report else None)
    if report is None or not matched:
        return Lookup()
    ratelimits.give_back(failure)
    return Lookup(report=report)
