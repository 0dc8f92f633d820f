"""A logging filter that blanks personal data and secrets out of every log line, as a second line of defence.

The site's own log calls never pass an email address, phone number, receipt key or reset link (tests check
that); this filter, on every handler in settings.LOGGING, catches what a library or a future call lets slip:
in the message, its arguments, the exception text and the stack.

- email addresses                                   → [email]
- phone numbers (7 to 15 digits, with + ( ) - . or spaces) → [phone]; not tracking numbers, verification IDs
  or clock times
- receipt keys (20 characters of the receipt alphabet, with or without dashes) → [receipt key]
- password-reset links (…/password_reset/confirm/<uid>/<token>/, …/reset/<uid>/<token>/) and bare reset
  tokens                                            → [redacted]
- query strings on the report, status, API, admin and account paths → ?[redacted]
"""

import logging
import re

from reports.receipts import ALPHABET

EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
RECEIPT_KEY = re.compile(rf"(?<![\w-])[{ALPHABET}]{{5}}(?:[-\s]?[{ALPHABET}]{{5}}){{3}}(?![\w-])", re.IGNORECASE)
# Shapes with digit runs in them that are not phone numbers, kept as they are: tracking numbers (CF-2345-6789),
# importers' verification IDs (VI-1234-5678-ABCD) and clock times (13:01:41.123456, 13:01:41,123).
NOT_A_PHONE = (
    rf"\b(?:CF-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}|VI(?:-[0-9A-Z]{{4}}){{3}})\b|\d{{1,2}}:\d{{2}}:\d{{2}}(?:[.,]\d+)?"
)
# Else a run of digits and phone punctuation that starts and ends on a digit, not inside a longer word.
PHONE_CANDIDATE = re.compile(rf"(?P<kept>{NOT_A_PHONE})|(?<![\w+])\+?\(?\d[\d\s().\-]{{5,}}\d(?!\w)", re.IGNORECASE)
RESET_LINK = re.compile(r"((?:password[_-]?reset/confirm|/reset)/)[^/\s?#\"'<>]+/[^/\s?#\"'<>]+", re.IGNORECASE)
# Django's password-reset token: a base-36 timestamp, a dash, 32 hex characters.
RESET_TOKEN = re.compile(r"\b[0-9a-z]{1,13}-[0-9a-f]{32}\b")
SENSITIVE_QUERY = re.compile(
    r"((?:/[a-z]{2})?/(?:report|api|admin|account|accounts)(?:/[^\s?#\"'<>]*)?)\?[^\s#\"'<>]*", re.IGNORECASE
)


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?!\d)")


def _phone(match):
    candidate = match.group(0)
    # 2026-01-15 (and a time after it) is a date, not a number to hide
    if match.group("kept") or ISO_DATE.match(candidate):
        return candidate
    digits = sum(character.isdigit() for character in candidate)
    return "[phone]" if 7 <= digits <= 15 else candidate


def redact(text):
    """`text` with personal data and secrets replaced by placeholders."""
    if not text:
        return text
    text = RESET_LINK.sub(r"\1[redacted]/[redacted]", text)
    text = RESET_TOKEN.sub("[redacted]", text)
    text = SENSITIVE_QUERY.sub(r"\1?[redacted]", text)
    text = EMAIL.sub("[email]", text)
    text = RECEIPT_KEY.sub("[receipt key]", text)
    return PHONE_CANDIDATE.sub(_phone, text)


class RedactPersonalData(logging.Filter):
    """Rewrites the record in place: the finished message, the exception text and the stack, redacted."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must still be logged, redacted
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_text = redact(record.exc_text)
        record.stack_info = redact(record.stack_info)
        return True
