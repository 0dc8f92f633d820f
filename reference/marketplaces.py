"""The big online marketplaces we know by name, and how to recognise them in what a reporter typed.

Reporters type the marketplace freely ("amazon", "Amazon.com", "ebay app") and may paste a listing address.
This module turns either into one of a fixed list of names, or None. Triage uses the same list to tell a
marketplace's domain (shared by thousands of unrelated sellers) from a seller's own shop.
"""

import re

from .hosts import host_of, host_within

# Domain -> the name we show. A subdomain counts as its marketplace ("m.ebay.com" is eBay).
MARKETPLACES = {
    "amazon.com": "Amazon",
    "ebay.com": "eBay",
    "walmart.com": "Walmart",
    "etsy.com": "Etsy",
    "temu.com": "Temu",
    "shein.com": "SHEIN",
    "aliexpress.com": "AliExpress",
    "alibaba.com": "Alibaba",
    "wish.com": "Wish",
    "target.com": "Target",
    "facebook.com": "Facebook Marketplace",
    "instagram.com": "Instagram",
    "tiktok.com": "TikTok Shop",
    "shop.app": "Shop app",
    "mercadolibre.com": "Mercado Libre",
    "dhgate.com": "DHgate",
    "poshmark.com": "Poshmark",
    "mercari.com": "Mercari",
    "offerup.com": "OfferUp",
    "craigslist.org": "Craigslist",
}

MARKETPLACE_HOSTS = frozenset(MARKETPLACES)

# Other ways people write a marketplace's name, beyond its shown name and its domain.
OTHER_NAMES = {
    "Facebook": "Facebook Marketplace",
    "FB Marketplace": "Facebook Marketplace",
    "TikTok": "TikTok Shop",
    "Ali Express": "AliExpress",
    "DH Gate": "DHgate",
    "Offer Up": "OfferUp",
}

_NOT_NAME = re.compile(r"[^0-9a-z.]")


def _name_key(text):
    """'  Mercado-Libre ' -> 'mercadolibre': case, spaces and punctuation other than dots do not matter."""
    return _NOT_NAME.sub("", (text or "").casefold()).removeprefix("www.")


_NAMES = {
    **{_name_key(name): name for name in MARKETPLACES.values()},
    **{_name_key(alias): name for alias, name in OTHER_NAMES.items()},
    **{domain: name for domain, name in MARKETPLACES.items()},
}


def marketplace_for_host(host):
    """The marketplace's name for its domain or one of its subdomains, else None."""
    for domain, name in MARKETPLACES.items():
        if host_within(host, domain):
            return name
    return None


def is_marketplace_host(host):
    """True for a big marketplace's domain or one of its subdomains (e.g. 'm.ebay.com', 'amazon.com')."""
    return marketplace_for_host(host) is not None


def marketplace_for_name(text):
    """The marketplace a typed name stands for ('amazon', 'Amazon.com', 'www.ebay.com'), else None."""
    key = _name_key(text)
    if not key:
        return None
    if key in _NAMES:
        return _NAMES[key]
    if "." in key:
        return marketplace_for_url(key)
    return None


def marketplace_for_url(url):
    """The marketplace a listing address is on, else None (also for an address that cannot be read)."""
    return marketplace_for_host(host_of(url))


def known_marketplace(marketplace="", listing_url=""):
    """The name of the big marketplace a report's purchase was made on, else None.

    The listing address decides when it is on a known marketplace; otherwise the typed name is tried.
    Never returns what the reporter typed, only a name from MARKETPLACES.
    """
    return marketplace_for_url(listing_url) or marketplace_for_name(marketplace)
