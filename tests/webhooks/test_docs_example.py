"""The Python verifier in docs/webhooks.md, run exactly as written there, against a real delivery."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.webhooks.conftest import endpoint_for, refer_to

pytestmark = pytest.mark.django_db


def documented_verifier():
    """The namespace the doc's first ```python block defines (verify_webhook, InvalidWebhook)."""
    text = (Path(settings.BASE_DIR) / "docs" / "webhooks.md").read_text()
    code = re.search(r"```python\n(.*?)```", text, re.DOTALL).group(1)
    namespace = {}
    exec(compile(code, "docs/webhooks.md", "exec"), namespace)  # noqa: S102 - our own documentation's example
    return namespace


@pytest.fixture
def delivered(market_a, officer, receiver, django_capture_on_commit_callbacks):
    _endpoint, secret = endpoint_for(market_a, receiver.url)
    referral = refer_to(market_a, officer, django_capture_on_commit_callbacks)
    return secret, receiver.received[0], referral


def test_the_documented_verifier_accepts_a_real_delivery(delivered):
    secret, request, referral = delivered
    doc = documented_verifier()
    event = doc["verify_webhook"](secret, request.headers, request.body)
    assert event["data"]["referral_id"] == referral.pk


def test_the_documented_verifier_refuses_a_tampered_body_an_old_timestamp_and_a_wrong_secret(delivered):
    secret, request, _referral = delivered
    doc = documented_verifier()
    verify, invalid = doc["verify_webhook"], doc["InvalidWebhook"]
    with pytest.raises(invalid):
        verify(secret, request.headers, request.body.replace(b"referral_id", b"referral_iD"))
    too_old = {**request.headers, "webhook-timestamp": str(int(request.headers["webhook-timestamp"]) - 301)}
    with pytest.raises(invalid, match="5 minute window"):
        verify(secret, too_old, request.body)
    with pytest.raises(invalid):
        verify("whsec_" + "A" * 44, request.headers, request.body)
    no_signature = {key: value for key, value in request.headers.items() if key != "webhook-signature"}
    with pytest.raises(invalid):
        verify(secret, no_signature, request.body)
