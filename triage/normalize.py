"""Keys that make reports comparable: seller names, store addresses, order and parcel numbers.

Plain functions, so the same normalisation is used when a report arrives, when related reports are
looked up and in tests.
"""

import re
from urllib.parse import urlsplit

_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def seller_key(name):
    """'  Best-Deals 4U ' -> 'best-deals 4u' (case and spacing do not matter)."""
    return _SPACES.sub(" ", (name or "").strip().lower())


def listing_host(url):
    """The store's host: lowercase, no 'www.', no port. '' when there is no usable address."""
    if not url:
        return ""
    parts = urlsplit(url.strip() if "//" in url else f"//{url.strip()}")
    host = (parts.hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


# Big marketplaces host thousands of unrelated sellers: sharing one of their domains says nothing about
# the seller. For them only the store address (listing_key) links reports.
MARKETPLACE_HOSTS = {
    "amazon.com",
    "ebay.com",
    "walmart.com",
    "etsy.com",
    "temu.com",
    "shein.com",
    "aliexpress.com",
    "alibaba.com",
    "wish.com",
    "target.com",
    "facebook.com",
    "instagram.com",
    "tiktok.com",
    "shop.app",
    "mercadolibre.com",
    "dhgate.com",
    "poshmark.com",
    "mercari.com",
    "offerup.com",
    "craigslist.org",
}


def is_marketplace_host(host):
    """True for a big marketplace's domain or one of its subdomains (e.g. 'm.ebay.com', 'amazon.com')."""
    return any(host == market or host.endswith(f".{market}") for market in MARKETPLACE_HOSTS)


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
