"""A pinned connection: it goes to the checked IP address, while TLS (SNI, the certificate) and the Host header use
the host name in the URL. The name used here has no DNS at all (.test), so nothing can have looked it up."""

import ssl

import pytest
import requests
import trustme

from tests.webhooks.receiver import Receiver
from webhooks.pinned_connections import pinned_session

NAME = "hooks.example.test"


@pytest.fixture
def ca():
    return trustme.CA()


def tls_receiver(ca, certificate_for):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(certificate_for).configure_cert(context)
    return Receiver(tls=context)


def test_https_speaks_to_the_name_while_connecting_to_the_checked_address(ca):
    with tls_receiver(ca, NAME) as receiver, ca.cert_pem.tempfile() as ca_file:
        with pinned_session("127.0.0.1") as session:
            response = session.post(f"https://{NAME}:{receiver.port}/hooks/cbp", data=b"{}", verify=ca_file)
    assert response.status_code == 200
    assert receiver.server_names == [NAME]
    assert [request.headers["host"] for request in receiver.received] == [f"{NAME}:{receiver.port}"]


@pytest.mark.parametrize("certificate_for", ["other.example.test", "127.0.0.1"])
def test_a_certificate_for_another_name_or_for_the_address_itself_is_refused(ca, certificate_for):
    with tls_receiver(ca, certificate_for) as receiver, ca.cert_pem.tempfile() as ca_file:
        with pinned_session("127.0.0.1") as session, pytest.raises(requests.exceptions.SSLError):
            session.post(f"https://{NAME}:{receiver.port}/hooks/cbp", data=b"{}", verify=ca_file)
    assert receiver.received == []
