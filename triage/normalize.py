"""Keys that make reports comparable: seller names, store addresses, order and parcel numbers.

Plain functions, so the same normalisation is used when a report arrives, when related reports are
looked up and in tests.
"""

import re
from urllib.parse import urlsplit

# The store's host and the list of big marketplaces live with reports (reports must not depend on triage).
# Big marketplaces host thousands of unrelated sellers: sharing one of their domains says nothing about
# the seller. For them only the store address (listing_key) links reports.
from reports.marketplaces import MARKETPLACE_HOSTS as MARKETPLACE_HOSTS
from reports.marketplaces import is_marketplace_host as is_marketplace_host
from reports.marketplaces import listing_host

_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def seller_key(name):
    """'  Best-Deals 4U ' -> 'best-deals 4u' (case and spacing do not matter)."""
    return _SPACES.sub(" ", (name or "").strip().lower())


def listing_key(url):
    """Host and path, lowercase, without the query string, fragment or trailing slash."""
    host = listing_host(url)
    if not host:
        return ""
    path = urlsplit(url.strip() if "//" in url else f"//{url.strip()}").path.rstrip("/").lower()
    return f"{host}{path}"


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
