"""CBP partner managers see every organisation's webhook endpoints in the admin, read only and never a secret;
other staff are refused. Through the real admin URLs, with deliveries made to a real local receiver."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from tests.factories import UserFactory
from tests.webhooks.conftest import a_report, endpoint_for, refer_to
from tests.webhooks.receiver import Receiver
from webhooks import sending
from webhooks.endpoints import rotate_secret, set_enabled
from webhooks.models import Delivery, DeliveryAttempt

pytestmark = pytest.mark.django_db

INDEX = "/admin/webhook-endpoints/"
SHOPCIRCLE_LISTING = "https://shopcircle.example/p/5"


def inspect_url(endpoint):
    return f"{INDEX}inspect/{endpoint.pk}/"


@pytest.fixture
def manager(db):
    return UserFactory(username="pat", groups=["Partner managers"])


@pytest.fixture
def endpoints(market_a, market_b, officer, django_capture_on_commit_callbacks):
    """BargainMart's endpoint: failed once, then received. ShopCircle's: disabled after three failed tries, and a
    failure of 8 days ago that no longer counts. Both rolled their secret (a previous one still signs)."""
    with Receiver(answers=[500, 200]) as good, Receiver(answers=[503]) as bad:
        healthy, healthy_secret = endpoint_for(market_a, good.url)
        failing, failing_secret = endpoint_for(market_b, bad.url)
        refer_to(market_a, officer, django_capture_on_commit_callbacks)
        refer_to(market_b, officer, django_capture_on_commit_callbacks, a_report(SHOPCIRCLE_LISTING))
        retry_at = Delivery.objects.get(endpoint=healthy).next_attempt_at
        sending.deliver_due(now=retry_at + timedelta(seconds=30))  # BargainMart: 200; ShopCircle: 503 again
        refer_to(market_b, officer, django_capture_on_commit_callbacks, a_report(SHOPCIRCLE_LISTING))  # 503
    DeliveryAttempt.objects.create(
        delivery=Delivery.objects.filter(endpoint=failing).first(),
        at=timezone.now() - timedelta(days=8),
        status_code=500,
        error="An old failure.",
    )
    set_enabled(failing, False, by=None)
    secrets = [healthy_secret, failing_secret, rotate_secret(healthy, by=None), rotate_secret(failing, by=None)]
    return healthy, failing, secrets


def assert_no_secret(text, secrets):
    for secret in secrets:
        assert secret not in text
        assert secret.removeprefix("whsec_")[:8] not in text  # not even its first characters
    assert "whsec_" not in text


def test_a_partner_manager_sees_every_organisations_endpoints_and_how_deliveries_go(client, manager, endpoints):
    healthy, failing, secrets = endpoints
    client.force_login(manager)
    response = client.get(INDEX)
    assert response.status_code == 200
    page = response.content.decode()
    for expected in ("BargainMart", "ShopCircle", healthy.url, failing.url, "referral.created", "Failed tries"):
        assert expected in page
    assert_no_secret(page, secrets)

    # Address, events, enabled, last answer, failed tries this week (the time cell holds a <time> tag).
    assert cells_of(page, healthy.url) == [healthy.url, "referral.created", "Yes", "200", "1"]  # a 500, then 200
    assert cells_of(page, failing.url) == [
        failing.url,
        "referral.created",
        "No",
        "503: The receiver answered 503; only 2xx counts as received.",
        "3",  # three 503s this week; the failure 8 days ago does not count
    ]
    assert page.count("<time datetime=") >= 2  # each endpoint's last try

    inspected = client.get(inspect_url(failing))
    assert inspected.status_code == 200
    text = inspected.content.decode()
    for expected in (
        "ShopCircle",
        failing.url,
        "Takedown queue",
        "referral.created",
        "Failed tries in the last 7 days",
    ):
        assert expected in text
    assert "503: The receiver answered 503" in text
    assert_no_secret(text, secrets)


def test_the_listing_filters_by_organisation_and_searches_addresses(client, manager, endpoints, market_a):
    healthy, failing, secrets = endpoints
    client.force_login(manager)
    page = client.get(INDEX, {"organisation": market_a.pk}).content.decode()
    assert healthy.url in page and failing.url not in page
    page = client.get(INDEX, {"q": "BargainMart"}).content.decode()
    assert healthy.url in page and failing.url not in page


def test_the_listing_is_read_only(client, manager, endpoints):
    healthy, _failing, _secrets = endpoints
    client.force_login(manager)
    for address in (f"{INDEX}new/", f"{INDEX}edit/{healthy.pk}/", f"{INDEX}delete/{healthy.pk}/"):
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"url": "https://evil.example/"}).status_code == 404, address
    healthy.refresh_from_db()
    assert healthy.url.startswith("http://127.0.0.1")


@pytest.mark.parametrize("group", ["Triage officers", "Vetting officers", "Brand reviewers", "Contact viewers"])
def test_staff_without_the_partner_permission_are_refused(client, officer, endpoints, group):
    healthy, _failing, _secrets = endpoints
    user = officer if group == "Triage officers" else UserFactory(username=f"staff-{len(group)}", groups=[group])
    # Signed in to the admin, so what turns them away is the partner permission, not the admin sign-in.
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for address in (INDEX, inspect_url(healthy)):
        response = client.get(address)
        # Wagtail turns a signed-in user without the permission back to the dashboard (or answers 403).
        assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")
        assert healthy.url not in response.content.decode()
    assert INDEX not in client.get("/admin/").content.decode()  # no menu entry either


def test_the_menu_entry_is_under_api_partners_for_a_partner_manager(client, manager):
    client.force_login(manager)
    page = client.get("/admin/").content.decode()
    assert "Webhook endpoints" in page and INDEX in page


def cells_of(page, address):
    """The plain-text cells of the listing's row that holds `address`."""
    start = page.index(address)
    row = page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]
    return [cell.strip() for cell in re.findall(r"<td[^>]*>([^<]*)</td>", row)]


def test_a_superuser_reads_the_endpoints_and_the_site_history_without_an_error(client, endpoints):
    healthy, _failing, secrets = endpoints  # both secrets were rolled: the audit log holds rotations
    client.force_login(UserFactory(username="root", is_superuser=True))
    for address in (INDEX, inspect_url(healthy), "/admin/reports/site-history/"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert_no_secret(response.content.decode(), secrets)
    assert f"{INDEX}edit/" not in client.get(INDEX).content.decode()  # read only, superusers too
