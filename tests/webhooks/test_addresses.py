"""Webhook addresses in production: https only, and never the site's own network (server-side request forgery)."""

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
