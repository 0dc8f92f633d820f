"""The one seller-name normaliser: names that people would read as the same seller get the same key.

Used for a report's seller (to find other reports about the same seller) and for an importer's legal and
trade names (to look an importer up by the seller name on a receipt), so the two can be compared directly.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s]")
# Company-form words left out when names are compared ("Acme Imports, LLC" is "acme imports").
COMPANY_FORMS = frozenset(
    (
        "inc",
        "incorporated",
        "llc",
        "ltd",
        "limited",
        "co",
        "corp",
        "corporation",
        "company",
        "plc",
        "gmbh",
        "sa",
        "de",
        "cv",
        "srl",
        "bv",
        "pty",
        "lp",
        "llp",
    )
)


def seller_name_key(name):
    """'  ACME Imports, L.L.C. ' -> 'acme imports'.

    Case, accents, punctuation (hyphens included), repeated spaces and trailing company forms do not matter;
    "&" reads as "and". A name made only of a company form keeps it ("LLC" -> "llc").
    """
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("&", " and ")
    text = text.replace(".", "")
    words = _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).split()
    while len(words) > 1 and words[-1] in COMPANY_FORMS:
        words.pop()
    return " ".join(words)
