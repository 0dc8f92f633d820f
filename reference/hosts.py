"""Web addresses made comparable: the one host normaliser, and store-address keys built on it.

Every app compares hosts the same way (a report's listing, an importer's domain, an API partner's store
domains, the marketplace list). The rules, in order:

1. Only web addresses: `http`/`https`, or no scheme at all ("shop.example/item"); "mailto:" and the like are refused.
   A backslash counts as a slash, as in browsers.
2. The host is what a browser would connect to: credentials ("user:pass@"), the port, the path, the query and the
   fragment are dropped; percent-escapes in the host are decoded ("%65xample.com" is "example.com").
3. Lower case, then international names in their ASCII form (IDNA / punycode, UTS #46 as browsers do:
   "Bücher.example" is "xn--bcher-kva.example"; full-width dots count as dots).
4. No trailing dot ("example.com." is "example.com"); at most 253 characters, as in DNS.
5. No leading "www." ("www.example.com" is "example.com"), unless that would leave a single label ("www.com").

`host_of` and `address_key` answer "" for text that is not a usable address (for data that is already stored,
like a report's listing address). `parse_address` raises `AddressError` with a plain reason, and also insists on a
real domain name (two labels or more, letters in the last one), for addresses people type to look something up.
"""

import re
from urllib.parse import unquote, urlsplit

import idna
from django.utils.translation import gettext as _

MAX_ADDRESS_LENGTH = 2048
MAX_HOST_LENGTH = 253  # the longest name DNS allows
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# What a normalised host may hold: DNS labels (underscores occur in real subdomains) or an IPv6 literal.
_HOST_CHARACTERS = re.compile(r"^[a-z0-9._:-]+$")
_WEB_SCHEME = re.compile(r"^(https?):/*", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)")


class AddressError(ValueError):
    """The text is not a usable web address; the message says why in plain words."""


def _not_written_correctly():
    return AddressError(_("the address is not written correctly"))


def split_address(text):
    """urlsplit() for a web address with or without its scheme; raises AddressError for other schemes."""
    # As browsers read http(s) addresses: a backslash is a slash ("http://evil.example\\@good.example" leads to
    # evil.example), and "http:shop.example" or "https:///shop.example" mean "http://shop.example".
    text = _WEB_SCHEME.sub(lambda match: f"{match[1]}://", text.strip().replace("\\", "/"))
    if "://" not in text:
        if _SCHEME.match(text):  # "mailto:x@y.example", "javascript:..." (but not "example.com:8080")
            raise AddressError(_("only web addresses (http or https) can be checked"))
        text = "//" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError as error:  # e.g. "http://[::1": an unclosed IPv6 bracket
        raise _not_written_correctly() from error
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        raise AddressError(_("only web addresses (http or https) can be checked"))
    return parts


def normalise_host(host):
    """The one host normaliser (rules 2 to 5 above) for a host already taken out of an address."""
    host = unquote(host or "").strip().lower().rstrip(".")
    if host and not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError) as error:
            raise _not_written_correctly() from error
    host = host.rstrip(".")
    if not host or len(host) > MAX_HOST_LENGTH or not _HOST_CHARACTERS.match(host) or ".." in host or host[0] == ".":
        raise _not_written_correctly()
    if host.startswith("www.") and "." in host[4:]:
        host = host[4:]
    return host


def _host_of(parts):
    try:
        hostname = parts.hostname or ""
    except ValueError as error:
        raise _not_written_correctly() from error
    return normalise_host(hostname)


def _path_of(parts):
    return re.sub(r"/{2,}", "/", parts.path).rstrip("/").lower()


def parse_address(text):
    """Return (host, store-address key) for a URL or a bare domain, or raise AddressError.

    The key is the host and the path, lower case, without the query string, fragment, repeated or trailing
    slashes: "https://WWW.Market.example/Shops/Acme/?ref=1" is ("market.example", "market.example/shops/acme").
    """
    if not isinstance(text, str) or not text.strip():
        raise AddressError(_("enter a web address"))
    if len(text) > MAX_ADDRESS_LENGTH:
        raise AddressError(_("the address is longer than %(length)s characters") % {"length": MAX_ADDRESS_LENGTH})
    if any(ch.isspace() for ch in text.strip()) or any(ord(ch) < 32 for ch in text):
        raise AddressError(_("a web address has no spaces"))
    parts = split_address(text)
    host = _host_of(parts)
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or not labels[-1][:1].isalpha():
        raise AddressError(_("it does not look like a web address (for example example.com)"))
    return host, f"{host}{_path_of(parts)}"


def host_of(address):
    """The normalised host of an address (or of a bare domain); "" when there is no usable one.

    Unlike parse_address, any host a browser could reach is kept, IP addresses and "localhost" included.
    """
    if not isinstance(address, str) or not address.strip():
        return ""
    try:
        return _host_of(split_address(address))
    except AddressError:
        return ""


def address_key(address):
    """Host and path, as in parse_address, for any usable address; "" when there is none."""
    if not isinstance(address, str) or not address.strip():
        return ""
    try:
        parts = split_address(address)
        return f"{_host_of(parts)}{_path_of(parts)}"
    except AddressError:
        return ""


def domain_key(text):
    """The host of a typed domain or address; raises AddressError."""
    return parse_address(text)[0]


def store_key(text):
    """The key of a store address, which must have a path (a marketplace's shop page); raises AddressError."""
    host, key = parse_address(text)
    if key == host:
        raise AddressError(_("a store address needs the store's path, e.g. marketplace.example/shops/name"))
    return key


def host_within(host, domain):
    """Is `host` the domain itself or one of its subdomains ('m.ebay.com' is within 'ebay.com')?"""
    return bool(host) and (host == domain or host.endswith(f".{domain}"))


def host_suffixes(host):
    """'shop.acme.example' -> ['shop.acme.example', 'acme.example'] (a subdomain belongs to its domain)."""
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def path_prefixes(key):
    """'m.example/shops/acme/item/1' -> every key a store address could have that this one falls under."""
    segments = key.split("/")
    return ["/".join(segments[:i]) for i in range(2, len(segments) + 1)]
