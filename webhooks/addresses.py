"""Which webhook addresses the site will send to (protection against server-side request forgery).

In production (WEBHOOK_REQUIRE_PUBLIC_HTTPS, on by default) an address must use https and its host must
resolve only to public internet addresses: never loopback, private networks, link-local (cloud metadata at
169.254.169.254), or reserved ranges. The check runs when the address is saved and again before every send
(a host name may be pointed elsewhere later). Before a send the host is resolved once, here, and the delivery
connects to an address that was checked (webhooks/pinned_connections.py), so a DNS answer that changes between
the check and the connection (DNS rebinding) cannot lead it to the site's own network. Redirects are never
followed. Tests turn the setting off to use a receiver on 127.0.0.1 (the host is still resolved once and the
connection pinned to it; only the public-address and https rules are off).
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# IPv6 ranges that carry an IPv4 address inside (NAT64, 6to4): the IPv4 address inside is checked too.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _is_public(address):
    if not address.is_global or address.is_multicast:
        return False
    if address.version == 6:
        inside = address.sixtofour or (ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in NAT64 else None)
        if inside is not None:
            return _is_public(inside)
    return True


def _checked(url, *, resolve):
    """The addresses to connect to ([] when not resolved); raises ValidationError when `url` is refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ValidationError(
            _("This is not a web address. Write it like https://example.com/webhooks/cbp.")
        ) from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValidationError(_("This is not a web address. Write it like https://example.com/webhooks/cbp."))
    if parts.username or parts.password:
        raise ValidationError(_("Leave the user name and password out of the address; every delivery is signed."))
    strict = settings.WEBHOOK_REQUIRE_PUBLIC_HTTPS
    if strict and parts.scheme != "https":
        raise ValidationError(_("The address must start with https:// so deliveries are encrypted."))
    if not (strict or resolve):
        return []
    default_port = 443 if parts.scheme == "https" else 80
    try:
        found = socket.getaddrinfo(parts.hostname, port or default_port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ValidationError(
            _("We could not find the host %(host)s. Check the spelling, or try again once its DNS is set up.")
            % {"host": parts.hostname}
        ) from None
    addresses = [ipaddress.ip_address(sockaddr[0].split("%", 1)[0]) for *_rest, sockaddr in found]
    if strict and not all(_is_public(address) for address in addresses):
        # The address itself is not said: the answer must not map the site's own network.
        raise ValidationError(
            _("%(host)s leads to a private or local network address. Use an address reachable from the internet.")
            % {"host": parts.hostname}
        )
    return list(dict.fromkeys(str(address) for address in addresses))  # in the resolver's order, once each


def check_address(url):
    """Raise ValidationError (a message a person can act on) when the site must not send to `url`."""
    _checked(url, resolve=False)


def addresses_to_connect(url):
    """The IP addresses a delivery to `url` may connect to, in order: its host resolved once and, in production,
    every address checked as above (raises ValidationError). Connect to these, never to the host name again."""
    return _checked(url, resolve=True)
