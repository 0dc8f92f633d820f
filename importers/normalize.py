"""Keys that make seller addresses and names comparable.

Plain functions, used when an identifier is saved, when someone checks a seller, when the CSV import
runs and in tests. A domain key is the lowercase host without `www.` ("acme.example"); a store key adds
the path without the query string, fragment or trailing slash ("marketplace.example/shops/acme").
"""

import re
import unicodedata
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

MAX_ADDRESS_LENGTH = 2048
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s]")
# Company-form words left out when names are compared ("Acme Imports, LLC" is "acme imports").
_COMPANY_FORMS = {
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
}


class AddressError(ValueError):
    """The text is not a usable web address; the message says why in plain words."""


def _split(text):
    text = text.strip()
    if "://" not in text:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)", text):
            raise AddressError(_("only web addresses (http or https) can be checked"))
        text = "//" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError as error:  # e.g. "http://[::1": an unclosed IPv6 bracket
        raise AddressError(_("the address is not written correctly")) from error
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        raise AddressError(_("only web addresses (http or https) can be checked"))
    return parts


def host_of(parts):
    try:
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError as error:
        raise AddressError(_("the address is not written correctly")) from error
    try:
        host = host.encode("idna").decode("ascii") if host and not host.isascii() else host
    except UnicodeError as error:
        raise AddressError(_("the address is not written correctly")) from error
    host = host.removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or not labels[-1][:1].isalpha():
        raise AddressError(_("it does not look like a web address (for example example.com)"))
    return host


def parse_address(text):
    """Return (host, store key) for a URL or a bare domain, or raise AddressError."""
    if not isinstance(text, str) or not text.strip():
        raise AddressError(_("enter a web address"))
    if len(text) > MAX_ADDRESS_LENGTH:
        raise AddressError(_("the address is longer than %(max)s characters") % {"max": MAX_ADDRESS_LENGTH})
    if any(ch.isspace() for ch in text.strip()) or any(ord(ch) < 32 for ch in text):
        raise AddressError(_("a web address has no spaces"))
    parts = _split(text)
    host = host_of(parts)
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/").lower()
    return host, f"{host}{path}"


def domain_key(text):
    return parse_address(text)[0]


def store_key(text):
    host, key = parse_address(text)
    if key == host:
        raise AddressError(_("a store address needs the store's path, e.g. marketplace.example/shops/name"))
    return key


def match_key(kind, text):
    return store_key(text) if kind == "store_url" else domain_key(text)


def host_suffixes(host):
    """'shop.acme.example' -> ['shop.acme.example', 'acme.example'] (a subdomain belongs to its domain)."""
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def path_prefixes(key):
    """'m.example/shops/acme/item/1' -> every key a store address could have that this one falls under."""
    segments = key.split("/")
    return ["/".join(segments[:i]) for i in range(2, len(segments) + 1)]


def name_key(name):
    """'  ACME Imports, L.L.C. ' -> 'acme imports' (case, accents, punctuation and company forms ignored)."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("&", " and ")
    text = text.replace(".", "")
    words = _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).split()
    while len(words) > 1 and words[-1] in _COMPANY_FORMS:
        words.pop()
    return " ".join(words)
