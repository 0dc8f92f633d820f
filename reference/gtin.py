"""GS1 trade item numbers (GTIN): the barcode numbers printed under a product's bars.

One normaliser and check for every app: a GTIN-8, UPC-A (GTIN-12), EAN-13 (GTIN-13) or GTIN-14 is digits only,
and its last digit is the GS1 check digit (weights 3 and 1 from the right, not counting the check digit).
People type them with spaces or dashes (`0 12345 67890 5`); those are removed.
"""

import re

GTIN_LENGTHS = (8, 12, 13, 14)
SEPARATORS = re.compile(r"[\s\-]")


def compact_gtin(value):
    """The digits as typed, without spaces and dashes ("" for anything that is not text)."""
    if not isinstance(value, str):
        return ""
    return SEPARATORS.sub("", value)


def gs1_check_digit(digits):
    """The GS1 check digit for `digits` (a GTIN without its last digit)."""
    total = sum(int(digit) * (3 if position % 2 == 0 else 1) for position, digit in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def is_valid_gtin(value):
    """True for a GTIN-8, -12, -13 or -14 (spaces and dashes allowed) whose check digit is right."""
    code = compact_gtin(value)
    if len(code) not in GTIN_LENGTHS or not code.isascii() or not code.isdigit():
        return False
    return gs1_check_digit(code[:-1]) == code[-1]


def normalize_gtin(value):
    """The GTIN as digits only when it is valid, else ""."""
    return compact_gtin(value) if is_valid_gtin(value) else ""
