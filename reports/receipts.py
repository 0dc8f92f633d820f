"""Tracking numbers and receipt keys.

A tracking number (CF-XXXX-XXXX) names a report; the receipt key proves the holder made it. Both come from
`secrets` and an alphabet without look-alikes (no 0/O, 1/I/L). Only an HMAC of the key is stored, keyed on
SECRET_KEY (SECRET_KEY_FALLBACKS are tried too, so rotating the secret does not lock reporters out). The key
carries about 99 bits of randomness, so a fast keyed hash is enough; a slow password hash would only make
the public status page easier to overload.
"""

import re
import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_NUMBER_PATTERN = re.compile(rf"^CF-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")
RECEIPT_KEY_PATTERN = re.compile(rf"^[{ALPHABET}]{{20}}$")
_KEY_SALT = "reports.receipt_key"
# Checked when a tracking number is unknown, so that answer takes as long as a wrong key.
_UNKNOWN_HASH = "0" * 64


def _random_chars(count):
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def new_tracking_number():
    return f"CF-{_random_chars(4)}-{_random_chars(4)}"


def new_receipt_key():
    """Four groups of five characters, e.g. 7KQ2M-XW9TB-4HNPD-3RFZA."""
    return "-".join(_random_chars(5) for _ in range(4))


def normalize_tracking_number(value):
    """Accept what people type: lower case, spaces, missing dashes. Returns "" when it cannot be one."""
    if not isinstance(value, str):
        return ""
    compact = re.sub(r"[\s\-]", "", value).upper()
    if len(compact) == 10 and compact.startswith("CF"):
        # Only a full number carries the prefix: "CF2P52CY" is a number without it whose first group starts with CF.
        compact = compact[2:]
    candidate = f"CF-{compact[:4]}-{compact[4:]}"
    return candidate if TRACKING_NUMBER_PATTERN.match(candidate) else ""


def normalize_receipt_key(value):
    if not isinstance(value, str):
        return ""
    return re.sub(r"[\s\-]", "", value).upper()


def hash_receipt_key(key, secret=None):
    return salted_hmac(_KEY_SALT, normalize_receipt_key(key), secret=secret, algorithm="sha256").hexdigest()


def check_receipt_key(key, stored_hash):
    """True when `key` matches `stored_hash`. Always does the same work, even for a missing report."""
    stored_hash = stored_hash or _UNKNOWN_HASH
    matched = False
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        matched |= constant_time_compare(hash_receipt_key(key, secret=secret), stored_hash)
    return matched and stored_hash != _UNKNOWN_HASH
