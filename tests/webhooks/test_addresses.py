"""Webhook addresses in production: https only, and never the site's own network (server-side request forgery)."""

import socket

import pytest
from django.core.exceptions import ValidationError

from tests.webhooks.conftest import endpoint_for, refer_to
from webhooks.addresses import check_address
from webhooks.models import Delivery, DeliveryState


@pytest.fixture
def production_checks(settings):
    settings.WEBHOOK_REQUIRE_PUBLIC_HTTPS = True


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://93.184.215.14/hooks", "https://"),
        ("https://127.0.0.1/hooks", "private or local"),
        ("https://localhost:8443/hooks", "private or local"),
        ("https://10.1.2.3/hooks", "private or local"),
        ("https://192.168.0.10/hooks", "private or local"),
        ("https://169.254.169.254/latest/meta-data/", "private or local"),  # cloud metadata
        ("https://[::1]/hooks", "private or local"),
        ("https://[fd00::1]/hooks", "private or local"),
        ("https://[64:ff9b::7f00:1]/hooks", "private or local"),  # NAT64 for 127.0.0.1
        ("https://[2002:a01:203::1]/hooks", "private or local"),  # 6to4 for 10.1.2.3
        ("https://0.0.0.0/hooks", "private or local"),
        ("https://user:pw@93.184.215.14/hooks", "user name and password"),
        ("ftp://93.184.215.14/hooks", "not a web address"),
        ("https://no-such-host.invalid/hooks", "could not find the host"),
    ],
)
def test_unsafe_addresses_are_refused_with_a_reason(production_checks, url, says):
    with pytest.raises(ValidationError) as refused:
        check_address(url)
    assert says.lower() in " ".join(refused.value.messages).lower()


def test_a_public_https_address_is_accepted(production_checks):
    check_address("https://93.184.215.14/hooks/cbp")
    check_address("https://[64:ff9b::5db8:d70e]/hooks/cbp")  # NAT64 for the same public address


@pytest.mark.django_db
def test_an_address_that_now_leads_to_a_private_network_is_not_sent_to(
    settings, market_a, officer, receiver, django_capture_on_commit_callbacks
):
    """Saved when it was allowed (or its DNS changed since): the check before each send stops it."""
    endpoint, _secret = endpoint_for(market_a, receiver.url)
    settings.WEBHOOK_REQUIRE_PUBLIC_HTTPS = True
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    assert receiver.received == []
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert "https://" in delivery.attempts.get().error
    assert delivery.state == DeliveryState.PENDING


@pytest.fixture
def dns(monkeypatch):
    """A DNS server the test scripts: `dns.answers[name]` is the list of addresses of each lookup of `name` in turn
    (the last repeats), and `dns.asked` every name looked up. Other names are looked up for real."""
    real_lookup = socket.getaddrinfo

    class ScriptedDns:
        answers = {}
        asked = []

        @staticmethod
        def getaddrinfo(host, port, *args, **kwargs):
            if host not in ScriptedDns.answers:
                return real_lookup(host, port, *args, **kwargs)
            ScriptedDns.asked.append(host)
            turns = ScriptedDns.answers[host]
            addresses = turns.pop(0) if len(turns) > 1 else turns[0]
            return [found for address in addresses for found in real_lookup(address, port, *args, **kwargs)]

    monkeypatch.setattr(socket, "getaddrinfo", ScriptedDns.getaddrinfo)
    return ScriptedDns


@pytest.mark.django_db
def test_a_name_that_resolves_to_a_private_address_is_refused_without_any_connection(
    production_checks, market_a, officer, receiver, django_capture_on_commit_callbacks
):
    endpoint, _secret = endpoint_for(market_a, f"https://localhost:{receiver.port}/hooks/cbp")
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    assert receiver.connections == 0
    error = Delivery.objects.get(endpoint=endpoint).attempts.get().error
    assert "private or local" in error and "127.0.0.1" not in error


@pytest.mark.django_db
def test_a_name_that_answers_a_private_address_for_the_connection_never_reaches_it(
    production_checks, settings, dns, market_a, officer, receiver, django_capture_on_commit_callbacks
):
    """DNS rebinding: a public address for the check, then the site's own network for the connection."""
    settings.WEBHOOK_TIMEOUT_SECONDS = 2  # the public address is not ours: it refuses, or never answers
    dns.answers["rebinding.example.test"] = [["93.184.215.14"], ["127.0.0.1"]]
    endpoint, _secret = endpoint_for(market_a, f"https://rebinding.example.test:{receiver.port}/hooks/cbp")
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    assert receiver.connections == 0
    assert dns.asked == ["rebinding.example.test"]  # looked up once, for the check and the connection both
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.state == DeliveryState.PENDING and delivery.attempts.get().error


@pytest.mark.django_db
def test_a_local_receiver_named_by_host_gets_the_delivery_with_its_host_name(
    market_a, officer, receiver, django_capture_on_commit_callbacks
):
    """Tests allow local receivers (WEBHOOK_REQUIRE_PUBLIC_HTTPS is off), but the connection is still pinned."""
    url = f"http://localhost:{receiver.port}/hooks/cbp"
    endpoint, _secret = endpoint_for(market_a, url)
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    assert [request.headers["host"] for request in receiver.received] == [f"localhost:{receiver.port}"]
    assert Delivery.objects.get(endpoint=endpoint).state == DeliveryState.DELIVERED


@pytest.mark.django_db
def test_when_the_first_address_takes_no_connection_the_next_checked_one_is_tried(
    dns, market_a, officer, receiver, django_capture_on_commit_callbacks
):
    dns.answers["two-addresses.example.test"] = [["127.0.0.2", "127.0.0.1"]]  # nothing listens on 127.0.0.2
    endpoint, _secret = endpoint_for(market_a, f"http://two-addresses.example.test:{receiver.port}/hooks/cbp")
    refer_to(market_a, officer, django_capture_on_commit_callbacks)
    assert len(receiver.received) == 1 and receiver.connections == 1
    assert dns.asked == ["two-addresses.example.test"]
    assert Delivery.objects.get(endpoint=endpoint).state == DeliveryState.DELIVERED
