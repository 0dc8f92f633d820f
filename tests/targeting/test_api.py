"""/api/v1/partner/leads: approved leads for agency systems whose key has the `leads:read` scope."""

import pytest
from wagtail.models import ModelLogEntry

from targeting.models import Lead, LeadStatus

from .conftest import Scope, agency_key, linked

URL = "/api/v1/partner/leads"


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def leads(chargers):
    linked(chargers, seller_name="Volt Deals", harm=True, carrier="UPS", parcel_tracking_number="1Z999AA10123456784")
    linked(chargers, seller_name="Burn Shop", harm=True, parcel_tracking_number="NOTREVIEWED1")
    Lead.objects.filter(entity__key="volt deals").update(status=LeadStatus.APPROVED)


def test_a_key_with_the_scope_reads_approved_leads_only(client, agency, leads):
    response = client.get(URL, **bearer(agency_key(agency, [Scope.READ_LEADS])))
    assert response.status_code == 200, response.content
    page = response.json()
    assert page["format"] == "cbp-border-leads" and page["next_after"] is None
    assert [lead["entity"]["key"] for lead in page["results"]] == ["volt deals"]
    lead = page["results"][0]
    assert lead["parcel_tracking_numbers"] == ["1Z999AA10123456784"] and lead["shipment_count"] == 1
    assert "NOTREVIEWED1" not in response.content.decode()
    entry = ModelLogEntry.objects.get(action="targeting.leads_export")
    assert entry.data["partner"] == "Port targeting unit" and entry.data["leads"] == 1


def test_pages_follow_the_after_cursor(client, agency, chargers, monkeypatch):
    monkeypatch.setattr("targeting.api_v1.PAGE_SIZE", 1)
    for name in ("A Shop", "B Shop"):
        linked(chargers, seller_name=name, harm=True)
    Lead.objects.update(status=LeadStatus.APPROVED)
    key = bearer(agency_key(agency, [Scope.READ_LEADS]))
    first = client.get(URL, **key).json()
    second = client.get(URL, {"after": first["next_after"]}, **key).json()
    assert [p["results"][0]["entity"]["name"] for p in (first, second)] == ["A Shop", "B Shop"]
    assert second["next_after"] is None


def test_a_key_without_the_scope_is_refused(client, agency, leads):
    response = client.get(URL, **bearer(agency_key(agency, [Scope.READ_OWN_REFERRALS])))
    assert response.status_code == 403
    assert "leads:read" in response.json()["error"]
    assert "Volt" not in response.content.decode()
    assert not ModelLogEntry.objects.filter(action="targeting.leads_export").exists()


def test_no_key_or_a_bad_parameter(client, agency, leads):
    assert client.get(URL).status_code == 401
    response = client.get(URL, {"status": "new"}, **bearer(agency_key(agency, [Scope.READ_LEADS])))
    assert response.status_code == 400 and "status" in response.json()["errors"]
