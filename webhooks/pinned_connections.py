"""HTTP sessions that connect to one IP address already checked, while speaking to the host named in the URL.

A webhook's host is resolved and checked once (webhooks/addresses.py); the connection must then go to that
address, never to a fresh DNS answer, or a name that answered with a public address for the check could answer
with an internal one for the connection (DNS rebinding). requests' transport adapter lets the connection pool be
chosen per request (`build_connection_pool_key_attributes`): the pool connects to the checked address, and
urllib3 is given the host name for TLS (SNI, `server_hostname`) and for checking the certificate
(`assert_hostname`). The Host header keeps the name too. The session ignores proxy settings from the
environment: a proxy would look the name up again itself.
"""

from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError


class PinnedAddressAdapter(HTTPAdapter):
    """Connects every request to `address` (an IP address as text), whatever host its URL names."""

    def __init__(self, address, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        host_name = host_params["host"]
        host_params["host"] = self.address
        if host_params["scheme"] == "https":
            pool_kwargs["server_hostname"] = host_name
            pool_kwargs["assert_hostname"] = host_name
        return host_params, pool_kwargs

    def send(self, request, **kwargs):
        # The name (and port) from the URL, as the receiver expects it; not the address connected to.
        request.headers["Host"] = urlsplit(request.url).netloc
        return super().send(request, **kwargs)


def pinned_session(address):
    """A requests Session whose http and https requests all connect to `address`."""
    session = requests.Session()
    session.trust_env = False
    adapter = PinnedAddressAdapter(address, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def could_not_connect(error):
    """True when a requests error came before anything was sent (no connection): the next address may be tried."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(error, requests.ConnectionError) and isinstance(reason, NewConnectionError)
