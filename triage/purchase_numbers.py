"""Keys that make order and parcel numbers comparable between reports.

Plain functions, so the same keys are used when a report arrives, when related reports are looked up, when
staff find a report by number, and in tests. Seller names and store addresses use reference.sellers and
reference.hosts.
"""

import re

_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def reference_key(value):
    """Order and parcel numbers: only letters and digits, lowercase ('9400 1000-00' -> '9400100000')."""
    return _NOT_ALNUM.sub("", (value or "").lower())


def tracking_pattern(value):
    """The shape of a carrier tracking number: its first eight characters and its length ("94001000/22").

    Parcels from one shipper often share a prefix and length; an exact match is caught by reference_key.
    """
    key = reference_key(value)
    if len(key) < 10:
        return ""
    return f"{key[:8]}/{len(key)}"
